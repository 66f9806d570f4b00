package openalex

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
)

// Options tune an ingest.
type Options struct {
	// Retrieved is the date the input was retrieved (YYYY-MM-DD); default today.
	Retrieved string
	// Importer is handed to importer.LoadAndRefresh (dry run, batch size, memory...).
	Importer importer.Options
	// Progress, if set, is called every ProgressEvery records (default 10,000) of each pass
	// with the pass (1 or 2) and the records read.
	Progress      func(pass, records int)
	ProgressEvery int
	// TempDir holds the import-format rows while they are loaded (default os.TempDir()).
	TempDir string
	// Crosswalk maps OpenAlex topics and keywords to topics (default the shipped one).
	Crosswalk *Crosswalk
	// LookAlikes is how many new people are compared by name with the graph's people after
	// the load (default 200; -1 none).
	LookAlikes int
}

// Result is what an ingest did.
type Result struct {
	Records      int `json:"records"`
	Works        int `json:"works"`
	Authors      int `json:"authors"`
	Institutions int `json:"institutions"`
	// Linked counts the works, authors and institutions that an entity already in the graph
	// held by DOI, ORCID, ROR or OpenAlex id: they were linked to it, its properties untouched.
	LinkedPublications  int `json:"linkedPublications"`
	LinkedPeople        int `json:"linkedPeople"`
	LinkedOrganizations int `json:"linkedOrganizations"`
	// TopicLinks is the number of ABOUT links from works to CryoGraph topics.
	TopicLinks int `json:"topicLinks"`
	// Grants is the number of joint_grant partnerships derived from works' funding statements.
	Grants    int    `json:"grants"`
	Crosswalk string `json:"crosswalk"`
	// Skipped records (nothing of them written), the first 100 of them in Problems.
	Skipped  int       `json:"skipped"`
	Problems []Problem `json:"problems"`
	// LookAlikes are new people whose name looks like another person's, with no shared id:
	// names never merge; `cryograph duplicates` lists them too.
	LookAlikes []LookAlike      `json:"lookAlikes"`
	Report     *importer.Report `json:"report"`
}

// LookAlike is a person loaded from OpenAlex and the people in the graph whose names it
// resembles.
type LookAlike struct {
	ID         string           `json:"id"`
	Name       string           `json:"name"`
	Candidates []cryo.Candidate `json:"candidates"`
}

// Resolver finds people by name (the store's entity resolution); optional on the sink.
type Resolver interface {
	Resolve(ctx context.Context, q cryo.ResolveQuery) ([]cryo.Candidate, error)
}

const maxProblems = 100

// at is where a record is: input, line, index in a page.
type at struct{ in, line, index int }

// run is one ingest's state.
type run struct {
	opts    Options
	res     *Result
	cw      *Crosswalk
	topicOK map[string]bool
	inputs  []Input

	// pass one
	workAt      map[string]at     // W -> the occurrence loaded (the last one read)
	doiFirst    map[string]string // DOI -> the first work that has it
	orcidFirst  map[string]string // ORCID -> the first author that has it
	authorORCID map[string]string
	authorRec   map[string]*Record // author records of the input (A -> record, names only)
	authorName  map[string]string  // A -> the first name works give it
	insts       map[string]*inst   // ROR id or I id -> institution
	instKeyOf   map[string]string  // I -> ROR id or I id
	owners      map[cryo.ExternalID]string

	// pass two
	emitted   map[string]bool
	aff       map[[2]string]*evidence
	worksOn   map[[2]string]*evidence
	newPeople [][2]string
	enc       *json.Encoder
}

// Ingest reads OpenAlex records from the inputs in two streaming passes and loads them
// through importer.LoadAndRefresh. The first pass checks every record (a record without an id,
// a work without a title, an author without a name is skipped and reported; malformed JSON
// or an input cut short stops the ingest before anything is written) and notes the ids that
// may already be in the graph, which is then asked who holds them. The second pass writes the
// rows to a temporary file, which is loaded.
func Ingest(ctx context.Context, sink importer.RefreshingSink, inputs []Input, opts Options) (*Result, error) {
	r := &run{opts: opts, inputs: inputs, res: &Result{Problems: []Problem{}, LookAlikes: []LookAlike{}},
		workAt: map[string]at{}, doiFirst: map[string]string{}, orcidFirst: map[string]string{},
		authorORCID: map[string]string{}, authorName: map[string]string{}, authorRec: map[string]*Record{}, insts: map[string]*inst{},
		instKeyOf: map[string]string{}, emitted: map[string]bool{}, aff: map[[2]string]*evidence{},
		worksOn: map[[2]string]*evidence{}}
	if r.opts.Retrieved == "" {
		r.opts.Retrieved = time.Now().UTC().Format("2006-01-02")
	}
	if r.opts.ProgressEvery <= 0 {
		r.opts.ProgressEvery = 10000
	}
	r.cw = opts.Crosswalk
	if r.cw == nil {
		cw, err := DefaultCrosswalk()
		if err != nil {
			return r.res, err
		}
		r.cw = cw
	}
	r.res.Crosswalk = r.cw.Version
	if err := r.lookupTopics(ctx, sink); err != nil {
		return r.res, err
	}
	if err := r.passOne(ctx); err != nil {
		return r.res, err
	}
	if len(r.workAt)+len(r.authorRec)+len(r.insts) == 0 {
		return r.res, nil
	}
	if err := r.lookupOwners(ctx, sink); err != nil {
		return r.res, err
	}
	tmp, err := os.CreateTemp(opts.TempDir, "cryograph-openalex-*.jsonl")
	if err != nil {
		return r.res, fmt.Errorf("openalex: rows file: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	w := bufio.NewWriterSize(tmp, 1<<20)
	r.enc = json.NewEncoder(w)
	r.enc.SetEscapeHTML(false)
	_ = r.enc.Encode(map[string]any{"format": "cryograph", "version": 1})
	if err := r.passTwo(ctx); err != nil {
		return r.res, err
	}
	if err := w.Flush(); err != nil {
		return r.res, fmt.Errorf("openalex: rows file: %w", err)
	}
	file := importer.File(tmp.Name())
	file.Name = "openalex rows"
	if len(inputs) == 1 {
		file.Name = inputs[0].Name + " (as import rows)"
	}
	r.res.Report, err = importer.LoadAndRefresh(ctx, sink, []importer.Input{file}, r.opts.Importer)
	if err == nil {
		r.lookAlikes(ctx, sink)
	}
	return r.res, err
}

// lookupTopics keeps the crosswalk's targets that the graph holds as topics.
func (r *run) lookupTopics(ctx context.Context, sink importer.Sink) error {
	r.topicOK = map[string]bool{}
	targets := r.cw.Targets()
	if len(targets) == 0 {
		return nil
	}
	has, err := sink.HasEntities(ctx)
	if err != nil || !has {
		return err
	}
	got, err := sink.Lookup(ctx, targets)
	if err != nil {
		return fmt.Errorf("openalex: look up the crosswalk's topics: %w", err)
	}
	for id, g := range got {
		if g.Label == "Topic" {
			r.topicOK[id] = true
		}
	}
	return nil
}

func (r *run) problem(in, line, index int, id, reason string) {
	r.res.Skipped++
	if len(r.res.Problems) < maxProblems {
		p := Problem{Input: r.inputs[in].Name, Line: line, ID: id, Reason: reason}
		if index >= 0 {
			p.Record = index
		}
		r.res.Problems = append(r.res.Problems, p)
	}
}

// each reads every input, calling fn for the records that pass check; the others are
// reported (in pass one only).
func (r *run) each(ctx context.Context, pass int, fn func(pos at, rec *Record) error) error {
	n := 0
	for i, in := range r.inputs {
		bad := func(p Pos, id, reason string) error {
			if pass == 1 {
				r.problem(i, p.Line, p.Index, id, reason)
			}
			return nil
		}
		err := Each(ctx, in, func(p Pos, rec *Record) error {
			n++
			if n%r.opts.ProgressEvery == 0 && r.opts.Progress != nil {
				r.opts.Progress(pass, n)
			}
			if why := rec.check(); why != "" {
				return bad(p, ShortID(rec.ID), why)
			}
			return fn(at{i, p.Line, p.Index}, rec)
		}, bad)
		if pass == 1 {
			r.res.Records = n
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// passOne notes which occurrence of each work is loaded, the ids to look up and what author
// and institution records say.
func (r *run) passOne(ctx context.Context) error {
	err := r.each(ctx, 1, func(pos at, rec *Record) error {
		id := ShortID(rec.ID)
		switch rec.Kind() {
		case "work":
			if _, dup := r.workAt[id]; !dup {
				if doi := BareDOI(str(rec.DOI)); doi != "" && r.doiFirst[doi] == "" {
					r.doiFirst[doi] = id
				}
			}
			r.workAt[id] = pos
			for _, a := range rec.Authorships {
				aid := ShortID(str(a.Author.ID))
				r.noteAuthor(aid, BareORCID(str(a.Author.ORCID)))
				if r.authorName[aid] == "" {
					r.authorName[aid] = strings.TrimSpace(str(a.Author.DisplayName))
				}
				for _, in := range a.Institutions {
					r.noteInst(in)
				}
			}
		case "author":
			r.noteAuthor(id, BareORCID(str(rec.ORCID)))
			r.authorRec[id] = &Record{DisplayName: rec.DisplayName, DisplayNameAlternatives: rec.DisplayNameAlternatives}
		case "institution":
			r.noteInstRecord(rec)
		}
		return nil
	})
	if err != nil {
		return err
	}
	r.res.Works = len(r.workAt)
	return nil
}

func (r *run) noteAuthor(a, orcid string) {
	if orcid == "" {
		if _, ok := r.authorORCID[a]; !ok {
			r.authorORCID[a] = ""
		}
		return
	}
	if r.authorORCID[a] == "" {
		r.authorORCID[a] = orcid
	}
	if r.orcidFirst[orcid] == "" {
		r.orcidFirst[orcid] = a
	}
}

func (r *run) noteInst(o Institution) {
	i := ShortID(str(o.ID))
	rorID := BareROR(str(o.ROR))
	if !ValidID(i, 'I') && rorID == "" {
		return
	}
	key := rorID
	if key == "" {
		key = i
	}
	in := r.insts[key]
	if in == nil {
		in = &inst{i: i, ror: rorID}
		r.insts[key] = in
	}
	in.merge(o)
	if ValidID(i, 'I') {
		r.instKeyOf[i] = key
	}
}

func (r *run) noteInstRecord(rec *Record) {
	i := ShortID(rec.ID)
	r.noteInst(Institution{ID: &i, ROR: rec.ROR, DisplayName: rec.DisplayName, CountryCode: rec.CountryCode})
	in := r.insts[r.instKeyOf[i]]
	in.name = strings.TrimSpace(str(rec.DisplayName))
	if rec.Geo != nil {
		in.city = strings.TrimSpace(rec.Geo.City)
	}
	in.aliases = append(append([]string{}, rec.DisplayNameAlternatives...), rec.DisplayNameAcronyms...)
}
