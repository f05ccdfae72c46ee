//go:build linux || freebsd || netbsd || openbsd || dragonfly

package autostart

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// entryPath is the XDG autostart entry: $XDG_CONFIG_HOME/autostart/<app id>.desktop.
func entryPath() (string, error) {
	dir, err := os.UserConfigDir() // $XDG_CONFIG_HOME, or ~/.config
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "autostart", AppID+".desktop"), nil
}

func enable(exe string) error {
	path, err := entryPath()
	if err != nil {
		return err
	}
	return writeFile(path, desktopEntry(exe))
}

func disable() error {
	path, err := entryPath()
	if err != nil {
		return err
	}
	return removeFile(path)
}

// enabled reads the entry: present, not Hidden, not switched off by the
// GNOME key (what session settings write when the user turns it off).
func enabled() (bool, error) {
	path, err := entryPath()
	if err != nil {
		return false, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	on, inEntry := true, false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			inEntry = line == "[Desktop Entry]"
			continue
		}
		key, value, _ := strings.Cut(line, "=")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch {
		case !inEntry:
		case key == "Hidden" && value == "true", key == "X-GNOME-Autostart-enabled" && value == "false":
			on = false
		}
	}
	return on, sc.Err()
}

// desktopEntry is the autostart entry starting exe in the background.
func desktopEntry(exe string) []byte {
	var b strings.Builder
	line := func(k, v string) { b.WriteString(k + "=" + v + "\n") }
	b.WriteString("[Desktop Entry]\n")
	line("Type", "Application")
	line("Name", escapeString(Name))
	line("Comment", escapeString(Comment))
	line("Exec", escapeString(quoteArg(exe)+" "+BackgroundFlag))
	line("Icon", AppID)
	line("Terminal", "false")
	line("X-GNOME-Autostart-enabled", "true")
	return []byte(b.String())
}

// quoteArg quotes one argument of an Exec key by the Desktop Entry
// specification's rules: inside double quotes, `"`, "`", "$" and "\" take a
// backslash; "%" is doubled in any case (it starts a field code).
func quoteArg(arg string) string {
	arg = strings.ReplaceAll(arg, "%", "%%")
	if !strings.ContainsAny(arg, " \t\n\"'\\><~|&;$*?#`()") {
		return arg
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range arg {
		if strings.ContainsRune("\"`$\\", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// escapeString applies the escapes of a string value (the second layer of
// an Exec key's quoting): backslash, newline, tab, carriage return.
func escapeString(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}
