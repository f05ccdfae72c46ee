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
	// rc quotes text for a string in a Windows resource script: a double
	// quote is written twice.
	"rc": func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` },
	// commas is a dotted version as a resource script's number list:
	// 0.1.0.1 → 0,1,0,1.
	"commas": func(s string) string { return strings.ReplaceAll(s, ".", ",") },
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
