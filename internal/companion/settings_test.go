package companion

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSettingsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	want := Settings{
		Platform:              "https://acme.iobeya.com",
		Account:               "alice@example.com",
		ExpiryWarningDays:     14,
		ClipboardClearSeconds: 0,
		Notifications:         false,
		StartInTray:           true,
	}
	if err := saveSettings(dir, want); err != nil {
		t.Fatal(err)
	}
	got, err := loadSettings(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("loaded %+v, saved %+v", got, want)
	}
	assertPrivate(t, filepath.Join(dir, settingsFile))
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the settings folder holds %d entries, want only settings.json (no temporary file left)", len(entries))
	}
}

func TestSettingsLoad(t *testing.T) {
	tests := []struct {
		name    string
		file    string // "" : no file at all
		want    Settings
		wantErr bool
	}{
		{name: "no file gives the defaults", want: DefaultSettings()},
		{
			name: "missing keys keep their defaults",
			file: `{"platform": "https://acme.iobeya.com"}`,
			want: func() Settings { s := DefaultSettings(); s.Platform = "https://acme.iobeya.com"; return s }(),
		},
		{
			name: "unknown keys are ignored",
			file: `{"platform": "https://acme.iobeya.com", "futureKey": 3}`,
			want: func() Settings { s := DefaultSettings(); s.Platform = "https://acme.iobeya.com"; return s }(),
		},
		{name: "not JSON", file: `platform = acme`, wantErr: true},
		{name: "truncated", file: `{"platform": "https://acme.io`, wantErr: true},
		{name: "wrong type", file: `{"expiryWarningDays": "seven"}`, wantErr: true},
		{name: "negative number", file: `{"clipboardClearSeconds": -5}`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, settingsFile)
			if tt.file != "" {
				if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, err := loadSettings(dir)
			if tt.wantErr {
				var se *SettingsError
				if !errors.As(err, &se) {
					t.Fatalf("error %v, want a *SettingsError", err)
				}
				p := Explain(err)
				if !strings.Contains(p.Message, path) {
					t.Errorf("Explain says %q; it should name the file %s", p.Message, path)
				}
				// Never silently reset: the file is left as it was.
				data, _ := os.ReadFile(path)
				if string(data) != tt.file {
					t.Errorf("the damaged file was changed to %q", data)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestNewRefusesDamagedSettings(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, settingsFile)
	if err := os.WriteFile(path, []byte("{{{"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := New(Config{SettingsDir: dir, Keychain: mockKeychain(t)})
	var se *SettingsError
	if !errors.As(err, &se) || se.Path != path {
		t.Fatalf("New: %v, want a *SettingsError naming %s", err, path)
	}
}

func TestUpdateSettings(t *testing.T) {
	dir := t.TempDir()
	c, err := New(Config{SettingsDir: dir, Keychain: mockKeychain(t)})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateSettings(func(s *Settings) { s.ExpiryWarningDays = 3 }); err != nil {
		t.Fatal(err)
	}
	again, err := New(Config{SettingsDir: dir, Keychain: mockKeychain(t)})
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Settings().ExpiryWarningDays; got != 3 {
		t.Errorf("after a restart ExpiryWarningDays = %d, want 3", got)
	}
	err = c.UpdateSettings(func(s *Settings) { s.ClipboardClearSeconds = -1 })
	if err == nil {
		t.Fatal("a negative clipboard delay was accepted")
	}
	if c.Settings().ClipboardClearSeconds != DefaultSettings().ClipboardClearSeconds {
		t.Error("a refused change was kept in memory")
	}
	if p := Explain(err); strings.HasPrefix(p.Message, "Something went wrong") {
		t.Errorf("Explain gives the generic message for a refused setting: %q", p.Message)
	}
}
