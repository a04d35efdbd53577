package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// Error codes returned in {"error": {"code": ..., "message": ...}}. They
// are part of the API: clients may branch on them.
const (
	codeBadJSON          = "malformed_json"     // 400: not JSON, or cut short
	codeWrongType        = "wrong_type"         // 400: a field of the wrong JSON type
	codeUnknownField     = "unknown_field"      // 400: a field the API does not know
	codeTrailingData     = "trailing_data"      // 400: something after the JSON object
	codeEmptyBody        = "empty_body"         // 400: no body at all
	codeInvalidUTF8      = "invalid_utf8"       // 400: the body is not UTF-8
	codeEmptyText        = "empty_text"         // 422: text missing or only white space
	codeInvalidText      = "invalid_text"       // 422: text holds NUL bytes
	codeUnknownFormat    = "unknown_format"     // 422
	codeUnknownLang      = "unknown_lang"       // 422
	codeUnknownCategory  = "unknown_category"   // 422
	codeUnknownSeverity  = "unknown_severity"   // 422
	codeInvalidPath      = "invalid_path"       // 422
	codeTooLarge         = "body_too_large"     // 413
	codeMediaType        = "unsupported_media"  // 415
	codeMethod           = "method_not_allowed" // 405
	codeNotFound         = "not_found"          // 404
	codeUnauthorized     = "unauthorized"       // 401
	codeOverloaded       = "overloaded"         // 503: queue full or queue wait over
	codeShuttingDown     = "shutting_down"      // 503
	codeValeUnavailable  = "vale_unavailable"   // 503: no Vale binary
	codeTimeout          = "timeout"            // 504: the request's deadline passed
	codeValeFailed       = "vale_failed"        // 500: Vale reported an error
	codeInternal         = "internal"           // 500
	codeClientClosed     = "client_closed"      // 499 in logs only: the client went away
	statusClientClosed   = 499
	retryAfterOverloaded = 1 // seconds
)

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiError is an error with its HTTP status and API code.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func newError(status int, code, message string) *apiError {
	return &apiError{status: status, code: code, message: message}
}

// writeError sends a JSON error. For 503 it adds Retry-After.
func writeError(w http.ResponseWriter, e *apiError) {
	h := w.Header()
	if e.status == http.StatusServiceUnavailable && h.Get("Retry-After") == "" {
		h.Set("Retry-After", strconv.Itoa(retryAfterOverloaded))
	}
	writeJSON(w, e.status, errorBody{errorDetail{e.code, e.message}})
}

// writeJSON sends v as JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // the texts are articles: keep < > & readable
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"could not encode the response"}}` + "\n")
	}
	data := buf.Bytes()
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
