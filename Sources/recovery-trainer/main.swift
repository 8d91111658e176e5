import QuizCLI

RecoveryTrainer.main()
