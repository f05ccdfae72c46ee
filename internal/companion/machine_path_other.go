//go:build !windows && !darwin

package companion

// DefaultMachineConfigPath is /etc/iobeya-token/config.json.
func DefaultMachineConfigPath() string { return "/etc/iobeya-token/config.json" }
