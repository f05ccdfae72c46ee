package client

import (
	"os"
	"strings"
	"testing"
)

// TestContractVersionMatchesDoc: the constant and the document it names
// must not drift apart.
func TestContractVersionMatchesDoc(t *testing.T) {
	data, err := os.ReadFile("../docs/platform-api.md")
	if err != nil {
		t.Fatal(err)
	}
	want := "Contract version: " + ContractVersion + " "
	if !strings.Contains(string(data), want) {
		t.Fatalf("docs/platform-api.md does not say %q", want)
	}
}
