import IngestConfig
import IngestControl

LogBootstrap.bootstrap(defaultLevel: .info)
IngestCtl.main()
