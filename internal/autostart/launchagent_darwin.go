package autostart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// plistPath is the LaunchAgent: ~/Library/LaunchAgents/<app id>.plist.
func plistPath() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Library", "LaunchAgents", AppID+".plist"), nil
}

func enable(exe string) error {
	path, err := plistPath()
	if err != nil {
		return err
	}
	return writeFile(path, launchAgent(exe))
}

func disable() error {
	path, err := plistPath()
	if err != nil {
		return err
	}
	return removeFile(path)
}

// enabled reports whether the LaunchAgent is there: launchd loads every
// agent of the folder at login.
func enabled() (bool, error) {
	path, err := plistPath()
	if err != nil {
		return false, err
	}
	_, err = os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// launchAgent is the property list that runs exe with BackgroundFlag at
// login, once (no KeepAlive: Quit in the tray must stay quit).
func launchAgent(exe string) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s)) // writes to memory: cannot fail
		return b.String()
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">` + "\n")
	b.WriteString("<plist version=\"1.0\">\n<dict>\n")
	b.WriteString("\t<key>Label</key>\n\t<string>" + esc(AppID) + "</string>\n")
	b.WriteString("\t<key>ProgramArguments</key>\n\t<array>\n")
	b.WriteString("\t\t<string>" + esc(exe) + "</string>\n")
	b.WriteString("\t\t<string>" + esc(BackgroundFlag) + "</string>\n")
	b.WriteString("\t</array>\n")
	b.WriteString("\t<key>RunAtLoad</key>\n\t<true/>\n")
	b.WriteString("\t<key>ProcessType</key>\n\t<string>Interactive</string>\n")
	b.WriteString("</dict>\n</plist>\n")
	return b.Bytes()
}
