import IngestControl

IngestCtl.main()
