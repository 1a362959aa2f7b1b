package feedback

import (
	"context"
	"time"
)

// Test hooks for the external tests (package feedback_test); compiled only by `go test`.

// Backoff and MaxRetryAfter expose the retry policy's constants.
var (
	Backoff       = backoff
	MaxRetryAfter = maxRetryAfter
)

// RecordWaits makes deliveries record their waits between attempts instead of sleeping, until restore.
func RecordWaits() (waits *[]time.Duration, restore func()) {
	recorded := []time.Duration{}
	wait = func(_ context.Context, d time.Duration) error {
		recorded = append(recorded, d)
		return nil
	}
	return &recorded, func() { wait = sleepContext }
}
