//! Format profiles (in progress).

/// A format profile.
#[derive(Clone, Debug, Default)]
pub struct Profile {}
