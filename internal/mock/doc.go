// Package mock holds stand-ins for the services the HTTP layer depends on, built from function
// fields (as benbjohnson/wtf's mock package is): a test sets the fields its case needs, and a
// call to a method whose field is nil panics, so a test notices a call it did not expect.
// Storage itself is tested against the real Neo4j; these fakes let the HTTP layer's own
// behaviour (validation, auth, limits, error mapping) be tested without one.
package mock
