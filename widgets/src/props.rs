//! The props of a widget that needs nothing but its exercise.

use std::rc::Rc;

use yew::AttrValue;

pub struct ExerciseProps<E> {
    pub id: AttrValue,
    pub storage_key: AttrValue,
    pub exercise: Rc<E>,
}

/// Props are the same when their storage keys are: the key holds the
/// exercise's content version, a hash of all of it. Comparing the exercises
/// field by field would compile an equality per exercise type into the
/// bundle, for props that never change after mounting.
impl<E> PartialEq for ExerciseProps<E> {
    fn eq(&self, other: &Self) -> bool {
        self.storage_key == other.storage_key
    }
}

impl<E> ExerciseProps<E> {
    pub fn new(id: String, version: String, exercise: E) -> Self {
        let storage_key = crate::progress::key(&id, &version);
        ExerciseProps {
            id: id.into(),
            storage_key: storage_key.into(),
            exercise: Rc::new(exercise),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExerciseProps;

    #[test]
    fn props_differ_exactly_when_the_content_version_does() {
        let props = |version: &str, text: &str| {
            ExerciseProps::new("quiz".into(), version.into(), text.to_string())
        };
        assert!(props("v1", "a") == props("v1", "a"));
        assert!(props("v1", "a") != props("v2", "b"));
    }
}
