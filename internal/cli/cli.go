// Package cli holds what CryoGraph's two binaries (cryograph and cryograph-bench) share on the
// command line: flag sets whose --help explains with examples, the usage error, and the logger.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// ErrUsage marks a command-line mistake; main exits with status 2 on it.
var ErrUsage = errors.New("usage error")

// NewFlagSet makes a FlagSet for `prog name` whose --help prints the synopsis, a description,
// the flags and examples. Parse errors go to stderr.
func NewFlagSet(stderr io.Writer, prog, name, synopsis, description, examples string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s %s\n\n%s\n\nFlags:\n", prog, synopsis, strings.TrimSpace(description))
		fs.PrintDefaults()
		if examples != "" {
			fmt.Fprintf(w, "\nExamples:\n%s\n", strings.TrimRight(examples, "\n"))
		}
	}
	return fs
}

// Parse parses args, printing --help to stdout (so it can be paged) and returning
// flag.ErrHelp; a bad flag is an ErrUsage.
func Parse(stdout io.Writer, fs *flag.FlagSet, args []string) error {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return flag.ErrHelp
		}
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	return nil
}

// NewLogger logs at info level to w, as JSON when format is "json" and as text otherwise.
func NewLogger(w io.Writer, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
