package companion

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/iobeya-token/iobeya-token/internal/words"
)

// settingsFile is the name of the settings file inside Config.SettingsDir.
const settingsFile = "settings.json"

// sessionLockFile, next to it, is locked while a session is refreshed and
// while a write (generate, replace, revoke, sign-out) runs. It
// is empty: a name to lock, holding nothing.
const sessionLockFile = "session.lock"

// SettingsError says the settings file exists but cannot be read or used.
// It names the file so the user (or IT support) can fix or remove it; the
// file is never silently reset, since that would lose the platform choice.
type SettingsError struct {
	Path  string
	Cause error
}

func (e *SettingsError) Error() string {
	return "the settings file " + e.Path + " cannot be used: " + e.Cause.Error()
}

func (e *SettingsError) Unwrap() error { return e.Cause }

// loadSettings reads dir/settings.json. A missing file gives the defaults;
// keys missing from the file keep their default values.
func loadSettings(dir string) (Settings, error) {
	s := DefaultSettings()
	path := filepath.Join(dir, settingsFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, &SettingsError{Path: path, Cause: err}
	}
	// Decoding over the defaults keeps them for keys the file lacks.
	if err := json.Unmarshal(data, &s); err != nil {
		return DefaultSettings(), &SettingsError{Path: path, Cause: fmt.Errorf("it is not valid settings JSON (%v)", err)}
	}
	if s.ExpiryWarningDays < 0 || s.ClipboardClearSeconds < 0 {
		return DefaultSettings(), &SettingsError{Path: path, Cause: errors.New("a number in it is negative")}
	}
	// A language this version does not speak (a newer one's, or a typo)
	// follows the system rather than making the whole file unusable.
	s.Language, _ = words.Pref(s.Language)
	return s, nil
}

// saveSettings writes dir/settings.json atomically (write a temporary file
// in the same directory, then rename), private to the user (mode 0600; on
// Windows an access list for the user and SYSTEM), so a crash never
// leaves half a file and other users cannot read which platform is used.
func saveSettings(dir string, s Settings) error {
	path := filepath.Join(dir, settingsFile)
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return &SettingsError{Path: path, Cause: err}
	}
	data = append(data, '\n')
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &SettingsError{Path: path, Cause: err}
	}
	f, err := os.CreateTemp(dir, ".settings-*.json")
	if err != nil {
		return &SettingsError{Path: path, Cause: err}
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after a successful rename
	if err := makePrivate(f); err != nil {
		f.Close()
		return &SettingsError{Path: path, Cause: err}
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return &SettingsError{Path: path, Cause: err}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return &SettingsError{Path: path, Cause: err}
	}
	if err := f.Close(); err != nil {
		return &SettingsError{Path: path, Cause: err}
	}
	if err := os.Rename(tmp, path); err != nil {
		return &SettingsError{Path: path, Cause: err}
	}
	return nil
}

// StoredLanguage is the language stored in the settings under dir (the
// default settings directory when empty), without opening a Core: a front
// end needs it before it says anything. Settings that cannot be read give
// words.PrefSystem; opening the Core then says what is wrong with them.
func StoredLanguage(dir string) string {
	if dir == "" {
		d, err := DefaultSettingsDir()
		if err != nil {
			return words.PrefSystem
		}
		dir = d
	}
	s, err := loadSettings(dir)
	if err != nil {
		return words.PrefSystem
	}
	return s.Language
}
