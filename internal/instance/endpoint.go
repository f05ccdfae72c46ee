package instance

import "path/filepath"

// dirName names the endpoint's directory (with the user ID appended where
// the directory is shared with other users).
const dirName = "iobeya-token"

// lockPath is the lock file in dir whose holder is the agent.
func lockPath(dir string) string { return filepath.Join(dir, "agent.lock") }
