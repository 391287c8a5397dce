import BlocsCLI

BlocsCommand.main()
