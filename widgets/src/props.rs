//! The props of a widget that needs nothing but its exercise.

use std::rc::Rc;

use yew::{AttrValue, Properties};

#[derive(Properties, PartialEq)]
pub struct ExerciseProps<E: PartialEq> {
    pub id: AttrValue,
    pub storage_key: AttrValue,
    pub exercise: Rc<E>,
}

impl<E: PartialEq> ExerciseProps<E> {
    pub fn new(id: String, version: String, exercise: E) -> Self {
        let storage_key = crate::progress::key(&id, &version);
        ExerciseProps {
            id: id.into(),
            storage_key: storage_key.into(),
            exercise: Rc::new(exercise),
        }
    }
}
