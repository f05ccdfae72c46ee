package companion

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/iobeya-token/iobeya-token/client"
	"github.com/iobeya-token/iobeya-token/internal/words"
)

// MachineConfig is what IT deploys for every user of a computer, in a file
// only administrators can write (DefaultMachineConfigPath). What it sets
// wins over the user's own settings, which cannot weaken it. A desktop
// app's client secret is not a secret from its user (RFC 8252 §8.5): the
// file may hold it, readable by users; it is never copied into the user's
// settings, a log, an argument or a message.
type MachineConfig struct {
	// Platform is the organisation's platform, e.g. "acme.iobeya.com";
	// empty: the user chooses.
	Platform string `json:"platform,omitempty"`
	// ClientID is the OAuth client the administrator registered in
	// Administration → Settings → API; empty: the user may enter one.
	ClientID string `json:"client_id,omitempty"`
	// ClientSecret is that client's secret, when it has one.
	ClientSecret client.ClientSecret `json:"client_secret,omitempty"`
	// ClientAuth is how the secret is sent: "basic", "form" or empty
	// (try Basic, then the form).
	ClientAuth string `json:"client_auth,omitempty"`
	// RedirectPort is the loopback port of the registered redirect URI
	// (http://127.0.0.1:PORT/callback), for platforms that match ports
	// exactly; 0: any port.
	RedirectPort int `json:"redirect_port,omitempty"`

	path   string // where it was read from
	origin string // Platform as an origin, e.g. "https://acme.iobeya.com"
}

// MachineConfigError says the machine-wide file exists but cannot be used.
// It names the file for IT; it never quotes the file's content.
type MachineConfigError struct {
	Path  string
	Cause error
}

func (e *MachineConfigError) Error() string {
	return "the machine-wide configuration " + e.Path + " cannot be used: " + e.Cause.Error()
}

func (e *MachineConfigError) Unwrap() error { return e.Cause }

// ErrSetByIT: the user tried to change what the machine-wide file sets.
var ErrSetByIT = errors.New("this is set by your IT department for this computer")

// machineSummary says, in w, what IT's file sets, for Doctor; never the
// secret.
func (c *Core) machineSummary(w *words.Words) string {
	m := c.machine
	if m.path == "" {
		return w.Say(words.DoctorITNone, words.Args{"Path": c.cfg.MachineConfigPath})
	}
	var parts []string
	if m.origin != "" {
		parts = append(parts, w.Say(words.DoctorITPlatform, words.Args{"Platform": m.origin}))
	}
	if m.ClientID != "" {
		which := words.DoctorITClient
		if m.ClientSecret != "" {
			which = words.DoctorITClientSecret
		}
		parts = append(parts, w.Say(which, words.Args{"ID": m.ClientID}))
	}
	if m.RedirectPort != 0 {
		parts = append(parts, w.Say(words.DoctorITPort, words.Args{"Port": m.RedirectPort}))
	}
	if len(parts) == 0 {
		parts = append(parts, w.Say(words.DoctorITNothing, nil))
	}
	return w.Say(words.DoctorITFile, words.Args{"Path": m.path, "Set": strings.Join(parts, ", ")})
}

// loadMachineConfig reads the machine-wide file at path. A missing file
// is no configuration; a file anyone may write is refused, since whoever
// writes it chooses where users sign in.
func loadMachineConfig(path string) (MachineConfig, error) {
	var m MachineConfig
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return m, nil
	case err != nil:
		return m, &MachineConfigError{Path: path, Cause: err}
	case !fi.Mode().IsRegular():
		return m, &MachineConfigError{Path: path, Cause: errors.New("it is not a file")}
	case fi.Size() > 64<<10:
		return m, &MachineConfigError{Path: path, Cause: errors.New("it is larger than 64 KiB")}
	}
	if err := checkMachineFileMode(fi); err != nil {
		return m, &MachineConfigError{Path: path, Cause: err}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return m, &MachineConfigError{Path: path, Cause: err}
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		// Not %v of the decoder's error: it may quote the file's text.
		return MachineConfig{}, &MachineConfigError{Path: path, Cause: errors.New("it is not valid JSON with the keys platform, client_id, client_secret, client_auth and redirect_port")}
	}
	m.path = path
	if err := m.check(); err != nil {
		return MachineConfig{}, &MachineConfigError{Path: path, Cause: err}
	}
	return m, nil
}

// check validates the file's values.
func (m *MachineConfig) check() error {
	if m.Platform != "" {
		u, err := client.ParsePlatform(m.Platform)
		if err != nil {
			return fmt.Errorf("its platform is not a platform address: %w", err)
		}
		m.origin = u.String()
	}
	if m.ClientSecret != "" && m.ClientID == "" {
		return errors.New("it has a client_secret without a client_id")
	}
	if m.RedirectPort < 0 || m.RedirectPort > 65535 {
		return errors.New("its redirect_port is not a port number")
	}
	if _, err := parseClientAuth(m.ClientAuth); err != nil {
		return err
	}
	if m.ClientID != "" {
		if _, err := client.New("https://example.invalid", client.WithOAuthClient(m.oauthClient())); err != nil {
			return errors.New("its client_id or client_secret is not one line of text")
		}
	}
	return nil
}

// appliesTo says whether the file's OAuth client is the one to use on
// origin: its own platform, or any real platform when it names none (the
// demo platform knows only its own client).
func (m *MachineConfig) appliesTo(origin string, demo bool) bool {
	if m.ClientID == "" {
		return false
	}
	if m.origin != "" {
		return origin == m.origin
	}
	return !demo
}

func (m *MachineConfig) oauthClient() client.OAuthClient {
	auth, _ := parseClientAuth(m.ClientAuth)
	return client.OAuthClient{ID: m.ClientID, Secret: m.ClientSecret, Auth: auth}
}

func parseClientAuth(s string) (client.ClientAuth, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return client.ClientAuthAuto, nil
	case "basic":
		return client.ClientAuthBasic, nil
	case "form", "post":
		return client.ClientAuthForm, nil
	}
	return 0, errors.New(`its client_auth must be "basic", "form" or left out`)
}
