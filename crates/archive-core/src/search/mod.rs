pub mod analyze;
pub mod query;
