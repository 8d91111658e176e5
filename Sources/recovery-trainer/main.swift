import Foundation
import QuizCLI

// A full disk or a file-size limit must be an error to report, not a signal that kills us;
// a closed pipe (`| head`) is not worth dying for either.
signal(SIGXFSZ, SIG_IGN)
signal(SIGPIPE, SIG_IGN)
RecoveryTrainer.start()
