package importer

import (
	"context"
	"sync"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Planner is a Sink that can say what a batch would change without writing it (the store).
// A dry run into a Planner reports a plan: what would be created, updated (which fields)
// and left unchanged, by label and type, with examples.
type Planner interface {
	PlanNodes(ctx context.Context, nodes []cryo.NodeUpsert) ([]cryo.Planned, error)
	PlanLinks(ctx context.Context, links []cryo.LinkUpsert) ([]cryo.Planned, error)
}

// PlanExamples is how many examples of each action a plan keeps per label or type.
const PlanExamples = 3

// Plan is what a dry run would write, by node label and by relationship type.
type Plan struct {
	Nodes         map[string]*PlanCounts `json:"nodes"`
	Relationships map[string]*PlanCounts `json:"relationships"`
}

// PlanCounts counts what a load would do to one label or type, with up to PlanExamples
// examples of each action.
type PlanCounts struct {
	Create    int           `json:"create"`
	Update    int           `json:"update"`
	Unchanged int           `json:"unchanged"`
	Examples  []PlanExample `json:"examples"`
}

// PlanExample is one node or relationship of a plan.
type PlanExample struct {
	Action string `json:"action"` // create, update or unchanged
	// ID is the node's id, or "from -[TYPE]-> to" for a relationship.
	ID string `json:"id"`
	// Changed lists the fields an update changes.
	Changed []string `json:"changed,omitempty"`
}

// planSink stands in for the sink during a dry run: each batch is planned, not written.
type planSink struct {
	Sink
	planner Planner
	mu      sync.Mutex
	plan    *Plan
}

func (p *planSink) UpsertNodes(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	planned, err := p.planner.PlanNodes(ctx, nodes)
	if err != nil {
		return nil, err
	}
	return p.add(p.plan.Nodes, planned), nil
}

func (p *planSink) UpsertLinks(ctx context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
	planned, err := p.planner.PlanLinks(ctx, links)
	if err != nil {
		return nil, err
	}
	return p.add(p.plan.Relationships, planned), nil
}

// add records planned changes in the plan and returns their counts, as an upsert would.
func (p *planSink) add(into map[string]*PlanCounts, planned []cryo.Planned) map[string]cryo.UpsertCounts {
	p.mu.Lock()
	defer p.mu.Unlock()
	counts := map[string]cryo.UpsertCounts{}
	for _, c := range planned {
		pc := into[c.Kind]
		if pc == nil {
			pc = &PlanCounts{Examples: []PlanExample{}}
			into[c.Kind] = pc
		}
		uc := counts[c.Kind]
		var seen int
		switch c.Action {
		case "create":
			pc.Create++
			uc.Created++
			seen = pc.Create
		case "update":
			pc.Update++
			uc.Updated++
			seen = pc.Update
		default:
			pc.Unchanged++
			uc.Unchanged++
			seen = pc.Unchanged
		}
		counts[c.Kind] = uc
		if seen <= PlanExamples {
			pc.Examples = append(pc.Examples, PlanExample{Action: c.Action, ID: c.ID, Changed: c.Changed})
		}
	}
	return counts
}

// plan runs the writing phases against the planner instead of the sink, so the report
// counts what the load would create, update and leave unchanged.
func (v *validator) plan(planner Planner, start time.Time) error {
	ps := &planSink{Sink: v.sink, planner: planner, plan: &Plan{Nodes: map[string]*PlanCounts{}, Relationships: map[string]*PlanCounts{}}}
	sink := v.sink
	v.sink = ps
	defer func() { v.sink = sink }()
	phases := len(v.rep.Phases)
	err := v.apply(start)
	for i := phases; i < len(v.rep.Phases); i++ {
		v.rep.Phases[i].Name = "plan " + v.rep.Phases[i].Name
	}
	v.rep.Batches, v.rep.BatchStats = 0, nil
	v.rep.Plan = ps.plan
	return err
}
