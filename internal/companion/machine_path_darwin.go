//go:build darwin

package companion

// DefaultMachineConfigPath is /Library/Application Support/iobeya-token/config.json.
func DefaultMachineConfigPath() string {
	return "/Library/Application Support/iobeya-token/config.json"
}
