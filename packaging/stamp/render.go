package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

var funcs = template.FuncMap{
	// xml escapes text for an XML file (the AppStream metainfo).
	"xml": func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	},
	// list is a desktop entry's list value: "a;b;".
	"list": func(items []string) string {
		if len(items) == 0 {
			return ""
		}
		return strings.Join(items, ";") + ";"
	},
	// debtext indents text for a Debian control-style field: each line
	// gets one space, an empty line becomes " .".
	"debtext": func(s string) string {
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		for i, l := range lines {
			if strings.TrimSpace(l) == "" {
				lines[i] = " ."
			} else {
				lines[i] = " " + l
			}
		}
		return strings.Join(lines, "\n")
	},
}

func render(path string, d *data, w io.Writer) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	t, err := template.New(filepath.Base(path)).Funcs(funcs).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return err
	}
	return t.Execute(w, d)
}
