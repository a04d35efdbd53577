package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestBadRequestsGetAClearJSONError(t *testing.T) {
	_, ts := newTestServer(t, noVale())
	long := strings.Repeat("a", 300) + ".txt"
	cases := []struct {
		name, method, ctype, body string
		status                    int
		code                      string
	}{
		{"malformed JSON", "POST", "application/json", `{"text": "a"`, 400, codeBadJSON},
		{"not JSON at all", "POST", "application/json", `text=hello`, 400, codeBadJSON},
		{"wrong type of text", "POST", "application/json", `{"text": 5}`, 400, codeWrongType},
		{"wrong type of categories", "POST", "application/json", `{"text": "a", "categories": "typo"}`, 400, codeWrongType},
		{"array instead of object", "POST", "application/json", `["text"]`, 400, codeWrongType},
		{"unknown field", "POST", "application/json", `{"text": "a", "colour": "red"}`, 400, codeUnknownField},
		{"trailing garbage", "POST", "application/json", `{"text": "a"} x`, 400, codeTrailingData},
		{"two objects", "POST", "application/json", `{"text": "a"}{"text": "b"}`, 400, codeTrailingData},
		{"empty body", "POST", "application/json", ``, 400, codeEmptyBody},
		{"invalid UTF-8", "POST", "application/json", "{\"text\": \"caf\xe9 au lait\"}", 400, codeInvalidUTF8},
		{"empty text", "POST", "application/json", `{"text": ""}`, 422, codeEmptyText},
		{"blank text", "POST", "application/json", `{"text": " \n\t "}`, 422, codeEmptyText},
		{"no text", "POST", "application/json", `{"format": "txt"}`, 422, codeEmptyText},
		{"null body", "POST", "application/json", `null`, 422, codeEmptyText},
		{"NUL in text", "POST", "application/json", `{"text": "a\u0000b"}`, 422, codeInvalidText},
		{"unknown format", "POST", "application/json", `{"text": "a", "format": "docx"}`, 422, codeUnknownFormat},
		{"unknown lang", "POST", "application/json", `{"text": "a", "lang": "fr-FR"}`, 422, codeUnknownLang},
		{"unknown category", "POST", "application/json", `{"text": "a", "categories": ["typo", "grammar"]}`, 422, codeUnknownCategory},
		{"unknown severity", "POST", "application/json", `{"text": "a", "min_severity": "fatal"}`, 422, codeUnknownSeverity},
		{"path too long", "POST", "application/json", `{"text": "a", "path": "` + long + `"}`, 422, codeInvalidPath},
		{"control character in path", "POST", "application/json", `{"text": "a", "path": "a\nb.txt"}`, 422, codeInvalidPath},
		{"text/plain", "POST", "text/plain", `{"text": "a"}`, 415, codeMediaType},
		{"form", "POST", "application/x-www-form-urlencoded", `text=a`, 415, codeMediaType},
		{"no content type", "POST", "", `{"text": "a"}`, 415, codeMediaType},
		{"GET on check", "GET", "", ``, 405, codeMethod},
		{"PUT on check", "PUT", "application/json", `{"text": "a"}`, 405, codeMethod},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, ts.URL+"/v1/check", strings.NewReader(c.body))
			if c.ctype != "" {
				req.Header.Set("Content-Type", c.ctype)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			e := errorOf(t, resp)
			if resp.StatusCode != c.status || e.Code != c.code {
				t.Errorf("got %d %s (%s), want %d %s", resp.StatusCode, e.Code, e.Message, c.status, c.code)
			}
			if c.status == 405 && resp.Header.Get("Allow") != "POST" {
				t.Errorf("405 without Allow: POST (got %q)", resp.Header.Get("Allow"))
			}
		})
	}
	// other routes: wrong method, unknown path
	for _, c := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"POST", "/healthz", 405, "GET, HEAD"},
		{"DELETE", "/v1/rules", 405, "GET, HEAD"},
		{"GET", "/v2/check", 404, ""},
		{"GET", "/", 404, ""},
	} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, nil)
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		e := errorOf(t, resp)
		if resp.StatusCode != c.status || resp.Header.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d %s, Allow %q", c.method, c.path, resp.StatusCode, e.Code, resp.Header.Get("Allow"))
		}
	}
	// none of that disturbed the server
	resp := post(t, ts, checkBody(t, story, nil))
	var got checkResponse
	decode(t, resp, &got)
	if resp.StatusCode != 200 || len(got.Findings) == 0 {
		t.Errorf("a good request after the bad ones: %d %+v", resp.StatusCode, got)
	}
}

func TestContentTypeWithCharsetIsAccepted(t *testing.T) {
	_, ts := newTestServer(t, noVale())
	resp := post(t, ts, `{"text": "The the cat."}`, "Content-Type", "application/json; charset=utf-8")
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
}

func TestBodyLargerThanTheLimitIs413(t *testing.T) {
	_, ts := newTestServer(t, Config{Engine: noVale().Engine, MaxBody: 1024})
	big := checkBody(t, strings.Repeat("The cat sat. ", 200), nil)
	// with a Content-Length: refused before reading
	resp := post(t, ts, big)
	if e := errorOf(t, resp); resp.StatusCode != 413 || e.Code != codeTooLarge {
		t.Errorf("with length: %d %+v", resp.StatusCode, e)
	}
	// chunked, without a length: cut off while reading
	req, _ := http.NewRequest("POST", ts.URL+"/v1/check", io.MultiReader(strings.NewReader(big)))
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if e := errorOf(t, resp); resp.StatusCode != 413 || e.Code != codeTooLarge {
		t.Errorf("chunked: %d %+v", resp.StatusCode, e)
	}
	// just under the limit is fine
	small := checkBody(t, strings.Repeat("The cat sat. ", 70), nil)
	if len(small) > 1024 {
		t.Fatal("test body too big")
	}
	resp = post(t, ts, small)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("under the limit: %d", resp.StatusCode)
	}
}

func TestBearerToken(t *testing.T) {
	cfg := noVale()
	cfg.Token = "s3cret-token"
	_, ts := newTestServer(t, cfg)
	body := checkBody(t, "The the cat.", nil)

	resp := post(t, ts, body)
	e := errorOf(t, resp)
	if resp.StatusCode != 401 || e.Code != codeUnauthorized || resp.Header.Get("WWW-Authenticate") != `Bearer realm="copydesk"` {
		t.Errorf("missing token: %d %+v %q", resp.StatusCode, e, resp.Header.Get("WWW-Authenticate"))
	}
	for _, wrong := range []string{"Bearer s3cret-tokex", "Bearer s3cret", "Bearer s3cret-token-and-more", "Basic czNjcmV0LXRva2Vu", "s3cret-token"} {
		resp = post(t, ts, body, "Authorization", wrong)
		e = errorOf(t, resp)
		if resp.StatusCode != 401 || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%q: %d %+v", wrong, resp.StatusCode, e)
		}
	}
	for _, right := range []string{"Bearer s3cret-token", "bearer s3cret-token"} {
		resp = post(t, ts, body, "Authorization", right)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%q: %d", right, resp.StatusCode)
		}
	}
	// /v1/rules needs it too; health, readiness and metrics stay open
	for path, want := range map[string]int{"/v1/rules": 401, "/healthz": 200, "/readyz": 200, "/metrics": 200} {
		resp, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s without a token: %d, want %d", path, resp.StatusCode, want)
		}
	}
}
