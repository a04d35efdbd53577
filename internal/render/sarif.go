package render

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
)

// SARIFOptions describe the run in a SARIF log.
type SARIFOptions struct {
	ToolVersion    string
	InformationURI string               // the tool's home page; "" to leave out
	Rules          map[string]core.Meta // metadata of copydesk's own rules, by id
	// SrcRoot is the absolute folder that relative paths are relative to,
	// recorded as %SRCROOT%; "" to leave out.
	SrcRoot string
}

// The parts of SARIF 2.1.0 that copydesk writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                      `json:"columnKind"`
		Results            []sarifResult               `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string           `json:"id"`
		ShortDescription     sarifText        `json:"shortDescription"`
		HelpURI              string           `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConfig  `json:"defaultConfiguration"`
		Properties           *sarifProperties `json:"properties,omitempty"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifProperties struct {
		Tags []string `json:"tags,omitempty"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
		Fixes     []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int        `json:"startLine"`
		StartColumn int        `json:"startColumn"`
		EndLine     int        `json:"endLine"`
		EndColumn   int        `json:"endColumn"`
		ByteOffset  int        `json:"byteOffset"`
		ByteLength  int        `json:"byteLength"`
		Snippet     *sarifText `json:"snippet,omitempty"`
	}
	sarifFix struct {
		Description     sarifText        `json:"description"`
		ArtifactChanges []sarifArtChange `json:"artifactChanges"`
	}
	sarifArtChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
)

// SARIF writes one SARIF 2.1.0 log with one run: the rules that reported
// something (with their metadata when copydesk knows it; a Vale rule gets
// its id and the text of its first message), and a result per finding with
// its region in lines, character columns and bytes, and each alternative
// fix as a replacement of bytes.
func SARIF(w io.Writer, files []File, opt SARIFOptions) error {
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: "copydesk", Version: opt.ToolVersion, InformationURI: opt.InformationURI, Rules: []sarifRule{}}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	baseID := ""
	if opt.SrcRoot != "" {
		baseID = "%SRCROOT%"
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{baseID: {URI: fileURI(opt.SrcRoot, true)}}
	}
	// rules first, sorted, so that each result can point at its index
	index := map[string]int{}
	var ids []string
	first := map[string]core.Finding{}
	for _, f := range files {
		for _, x := range f.Findings {
			if _, ok := first[x.Rule]; !ok {
				first[x.Rule] = x
				ids = append(ids, x.Rule)
			}
		}
	}
	sort.Strings(ids)
	for i, id := range ids {
		index[id] = i
		x := first[id]
		r := sarifRule{ID: id, ShortDescription: sarifText{x.Message}, DefaultConfiguration: sarifRuleConfig{sarifLevel(x.Severity)}}
		if m, ok := opt.Rules[id]; ok {
			if m.Doc != "" {
				r.ShortDescription.Text = m.Doc
			}
			r.DefaultConfiguration.Level = sarifLevel(m.Severity)
		}
		if x.Category != "" {
			r.Properties = &sarifProperties{Tags: []string{x.Category}}
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, r)
	}
	for _, f := range files {
		loc := sarifArtifactLoc{URI: artifactURI(f.Path)}
		if baseID != "" && !filepath.IsAbs(f.Path) {
			loc.URIBaseID = baseID
		}
		for _, x := range f.Findings {
			reg := sarifRegionOf(f.Doc, x.Start, x.End)
			reg.Snippet = &sarifText{f.Doc.Text[x.Start:x.End]}
			res := sarifResult{
				RuleID: x.Rule, RuleIndex: index[x.Rule], Level: sarifLevel(x.Severity),
				Message:   sarifText{x.Message},
				Locations: []sarifLocation{{sarifPhysical{ArtifactLocation: loc, Region: reg}}},
			}
			seen := map[string]bool{}
			for _, fx := range x.Fixes {
				var reps []sarifReplacement
				key := ""
				for _, e := range fx.Edits {
					reps = append(reps, sarifReplacement{DeletedRegion: sarifRegionOf(f.Doc, e.Start, e.End), InsertedContent: sarifText{e.New}})
					key += fmt.Sprintf("%d:%d:%q;", e.Start, e.End, e.New)
				}
				// SARIF wants the fixes of a result to differ from each other
				if len(reps) == 0 || seen[key] {
					continue
				}
				seen[key] = true
				title := fx.Title
				if title == "" {
					title = "Apply the fix"
				}
				res.Fixes = append(res.Fixes, sarifFix{
					Description:     sarifText{title},
					ArtifactChanges: []sarifArtChange{{ArtifactLocation: loc, Replacements: reps}},
				})
			}
			run.Results = append(run.Results, res)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

// sarifRegionOf describes the bytes [start, end) of d.Text both ways: line
// and character columns (endColumn is the column after the last character)
// and byte offset and length.
func sarifRegionOf(d *core.Doc, start, end int) sarifRegion {
	sl, sc := d.Position(start)
	el, ec := d.Position(end)
	return sarifRegion{StartLine: sl, StartColumn: sc, EndLine: el, EndColumn: ec, ByteOffset: start, ByteLength: end - start}
}

func sarifLevel(s core.Severity) string {
	switch s {
	case core.Error:
		return "error"
	case core.Warning:
		return "warning"
	}
	return "note"
}

// artifactURI turns a path into a URI reference: a relative one with
// forward slashes and percent-escapes, or a file: URI for an absolute path.
func artifactURI(p string) string {
	if filepath.IsAbs(p) {
		return fileURI(p, false)
	}
	u := url.URL{Path: filepath.ToSlash(p)}
	s := u.EscapedPath()
	// a first segment with a colon would read as a scheme
	if i := strings.IndexByte(s, ':'); i >= 0 && !strings.Contains(s[:i], "/") {
		s = "./" + s
	}
	return s
}

func fileURI(p string, dir bool) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}
