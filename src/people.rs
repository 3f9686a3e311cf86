//! People, quotes and attributions in a document: stub, to be written.
