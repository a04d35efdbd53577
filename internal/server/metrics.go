package server

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the service's Prometheus metrics, in a registry of its own
// (so that tests can run several servers in one process).
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec   // route, code
	latency    *prometheus.HistogramVec // route
	inFlight   prometheus.Gauge
	queued     prometheus.Gauge
	findings   *prometheus.CounterVec   // rule
	engineRuns *prometheus.CounterVec   // phase, outcome
	engineDur  *prometheus.HistogramVec // phase
	batchSize  prometheus.Histogram
	rejected   *prometheus.CounterVec // reason
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "copydesk_http_requests_total",
		Help: "HTTP requests answered, by route and status code.",
	}, []string{"route", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "copydesk_http_request_duration_seconds",
		Help:    "Time from reading the request headers to writing the response, by route.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, .75, 1, 1.5, 2, 3, 5, 10, 30},
	}, []string{"route"})
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "copydesk_http_requests_in_flight",
		Help: "Requests being served now (all routes).",
	})
	m.queued = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "copydesk_check_queued",
		Help: "Check requests waiting for a slot.",
	})
	m.findings = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "copydesk_findings_total",
		Help: "Findings returned by /v1/check, by rule.",
	}, []string{"rule"})
	m.engineRuns = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "copydesk_vale_runs_total",
		Help: "Engine runs over a batch, by phase (check: one Vale process; fix: one Vale process per re-check round, none when no fix applies) and outcome.",
	}, []string{"phase", "outcome"})
	m.engineDur = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "copydesk_vale_run_duration_seconds",
		Help:    "Duration of engine runs over a batch, by phase; the check phase is the Vale process and the Go rules side by side.",
		Buckets: []float64{.05, .1, .2, .3, .4, .5, .75, 1, 1.5, 2, 3, 5, 10},
	}, []string{"phase"})
	m.batchSize = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "copydesk_batch_size",
		Help:    "Check requests that shared one engine run.",
		Buckets: []float64{1, 2, 4, 8, 16, 32, 64},
	})
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "copydesk_check_rejected_total",
		Help: "Check requests turned away before the engine ran, by reason (overloaded, timeout, shutting_down).",
	}, []string{"reason"})
	m.reg.MustRegister(m.requests, m.latency, m.inFlight, m.queued, m.findings, m.engineRuns, m.engineDur, m.batchSize, m.rejected,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}
