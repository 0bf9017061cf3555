import Publishing

ProducerCommand.main()
