package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/core"
)

// checkRequest is the body of POST /v1/check.
type checkRequest struct {
	Text        string   `json:"text"`
	Format      string   `json:"format"`
	Lang        string   `json:"lang"`
	Categories  []string `json:"categories"`
	MinSeverity string   `json:"min_severity"`
	Path        string   `json:"path"`
}

// checkParams is a validated request.
type checkParams struct {
	text        string
	format      core.Format
	lang        string   // "" for the configured language
	categories  []string // nil for the configured categories; sorted
	minSeverity string   // "" for the configured minimum
	display     string   // the name shown in the diff
	name        string   // the file name the engine sees
}

const maxPathBytes = 255

// readBody reads a JSON request body of at most limit bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, *apiError) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		got := r.Header.Get("Content-Type")
		if got == "" {
			got = "none"
		}
		return nil, newError(http.StatusUnsupportedMediaType, codeMediaType,
			fmt.Sprintf("Content-Type must be application/json (got %s)", got))
	}
	if r.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge(limit)
		}
		return nil, newError(http.StatusBadRequest, codeBadJSON, "could not read the request body: "+err.Error())
	}
	return body, nil
}

func tooLarge(limit int64) *apiError {
	return newError(http.StatusRequestEntityTooLarge, codeTooLarge,
		fmt.Sprintf("the request body is larger than the limit of %d bytes", limit))
}

// decodeCheck parses and validates a check request.
func decodeCheck(body []byte) (checkParams, *apiError) {
	var p checkParams
	if len(bytes.TrimSpace(body)) == 0 {
		return p, newError(http.StatusBadRequest, codeEmptyBody, `the request body is empty; send {"text": "..."}`)
	}
	// encoding/json would quietly turn invalid UTF-8 into U+FFFD, and the
	// offsets in the answer would no longer match the client's text.
	if !utf8.Valid(body) {
		return p, newError(http.StatusBadRequest, codeInvalidUTF8, "the request body is not valid UTF-8")
	}
	var req checkRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return p, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return p, newError(http.StatusBadRequest, codeTrailingData, "the body holds more than one JSON value; send exactly one object")
	}
	return validate(req)
}

// jsonError explains a decoding error.
func jsonError(err error) *apiError {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return newError(http.StatusBadRequest, codeBadJSON, fmt.Sprintf("malformed JSON at byte %d: %v", syn.Offset, syn))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return newError(http.StatusBadRequest, codeWrongType, fmt.Sprintf("the body must be a JSON object, not %s", typ.Value))
		}
		return newError(http.StatusBadRequest, codeWrongType, fmt.Sprintf("field %q must be %s, not %s", field, jsonKind(typ.Type.Kind().String()), typ.Value))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return newError(http.StatusBadRequest, codeBadJSON, "malformed JSON: the body ends too early")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return newError(http.StatusBadRequest, codeUnknownField,
			fmt.Sprintf("unknown field %s (known: text, format, lang, categories, min_severity, path)", name))
	}
	return newError(http.StatusBadRequest, codeBadJSON, "malformed JSON: "+err.Error())
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "slice":
		return "an array of strings"
	case "struct":
		return "an object"
	}
	return goKind
}

func validate(req checkRequest) (checkParams, *apiError) {
	var p checkParams
	unprocessable := func(code, msg string) (checkParams, *apiError) {
		return checkParams{}, newError(http.StatusUnprocessableEntity, code, msg)
	}
	if strings.TrimSpace(req.Text) == "" {
		return unprocessable(codeEmptyText, `"text" is missing or holds only white space`)
	}
	if strings.IndexByte(req.Text, 0) >= 0 {
		return unprocessable(codeInvalidText, `"text" holds a NUL character; send text, not binary data`)
	}
	p.text = req.Text

	if len(req.Path) > maxPathBytes {
		return unprocessable(codeInvalidPath, fmt.Sprintf(`"path" is longer than %d bytes`, maxPathBytes))
	}
	if strings.IndexFunc(req.Path, unicode.IsControl) >= 0 {
		return unprocessable(codeInvalidPath, `"path" holds a control character`)
	}
	p.display = strings.TrimLeft(path.Clean("/"+strings.ReplaceAll(req.Path, `\`, "/")), "/")

	switch {
	case req.Format != "":
		f, ok := core.ParseFormat(req.Format)
		if !ok {
			return unprocessable(codeUnknownFormat, fmt.Sprintf("unknown format %q (want txt, md or html)", req.Format))
		}
		p.format = f
	case p.display != "":
		p.format = core.FormatForPath(p.display)
	}
	if p.display == "" {
		p.display = "story" + p.format.Ext()
	}
	p.name = engineName(p.display, p.format)

	if req.Lang != "" {
		l, err := config.ParseLang(req.Lang)
		if err != nil {
			return unprocessable(codeUnknownLang, fmt.Sprintf("unknown lang %q (want en-US or en-GB)", req.Lang))
		}
		p.lang = l
	}
	if len(req.Categories) > 0 {
		seen := map[string]bool{}
		for _, c := range req.Categories {
			if !knownCategory(c) {
				return unprocessable(codeUnknownCategory, fmt.Sprintf("unknown category %q (known: %s)", c, strings.Join(core.Categories, ", ")))
			}
			if !seen[c] {
				seen[c] = true
				p.categories = append(p.categories, c)
			}
		}
		sort.Strings(p.categories)
	}
	if req.MinSeverity != "" {
		s, err := core.ParseSeverity(req.MinSeverity)
		if err != nil {
			return unprocessable(codeUnknownSeverity, fmt.Sprintf("unknown min_severity %q (want suggestion, warning or error)", req.MinSeverity))
		}
		p.minSeverity = s.String()
	}
	return p, nil
}

func knownCategory(c string) bool {
	for _, k := range core.Categories {
		if c == k {
			return true
		}
	}
	return false
}

// engineName is the file name the engine (and Vale) sees: the base of the
// display path when it is a plain name with the format's extension, so that
// a configuration's per-name sections still match, else "story" plus the
// extension. A client's path never reaches the file system.
func engineName(display string, f core.Format) string {
	base := path.Base(display)
	if len(base) <= 100 && path.Ext(base) == f.Ext() && strings.IndexFunc(base, func(r rune) bool {
		return !(r < utf8.RuneSelf && (r == '.' || r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) < 0 && !strings.HasPrefix(base, ".") {
		return base
	}
	return "story" + f.Ext()
}
