package localneo4j

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

//go:embed pom.xml
var pomXML []byte

// Fetch makes sure the Neo4j and Neo4j Browser jars are in the cache, downloading them with
// Maven on first use, and returns the folder that holds them.
func Fetch(ctx context.Context, o Options) (string, error) {
	lib := o.libDir()
	marker := filepath.Join(lib, ".complete")
	if _, err := os.Stat(marker); err == nil {
		o.logf("using cached jars in %s", lib)
		return lib, nil
	}
	if _, err := exec.LookPath("mvn"); err != nil {
		return "", fmt.Errorf("%w: install Maven (apt-get install maven) to fetch Neo4j %s", ErrMavenMissing, Neo4jVersion)
	}
	work := filepath.Dir(lib)
	if err := os.MkdirAll(work, 0o755); err != nil {
		return "", fmt.Errorf("create cache dir: %w", err)
	}
	pom := filepath.Join(work, "pom.xml")
	if err := os.WriteFile(pom, pomXML, 0o644); err != nil {
		return "", fmt.Errorf("write pom: %w", err)
	}
	absLib, err := filepath.Abs(lib)
	if err != nil {
		return "", err
	}
	o.logf("fetching Neo4j %s and Neo4j Browser %s from Maven Central (about 140 MB, once)...", Neo4jVersion, BrowserVersion)
	start := time.Now()
	args := append([]string{"-B", "-q", "-f", pom, "package",
		"-Dneo4j.version=" + Neo4jVersion, "-Dneo4j.browser.version=" + BrowserVersion, "-Dlib.dir=" + absLib}, o.MavenArgs...)
	cmd := exec.CommandContext(ctx, "mvn", args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		text := string(out)
		if looksOffline(text) {
			return "", fmt.Errorf("%w: %s", ErrMavenUnreachable, lastLines(text, 5))
		}
		return "", fmt.Errorf("mvn package: %w: %s", err, lastLines(text, 15))
	}
	if err := os.WriteFile(marker, []byte(Neo4jVersion+"\n"), 0o644); err != nil {
		return "", err
	}
	o.logf("fetched in %s", time.Since(start).Round(time.Second))
	return lib, nil
}

func looksOffline(mvnOutput string) bool {
	for _, s := range []string{"Could not transfer", "UnknownHostException", "Connection refused", "Connect timed out", "Network is unreachable", "Could not resolve dependencies"} {
		if strings.Contains(mvnOutput, s) {
			return true
		}
	}
	return false
}
