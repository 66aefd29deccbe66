//! Keyboard handling the widgets share.

use yew::KeyboardEvent;

/// No modifier is held: Alt, Ctrl, Meta or Shift with a key is the
/// browser's or mdBook's, never a widget's.
pub fn unmodified(event: &KeyboardEvent) -> bool {
    !(event.alt_key() || event.ctrl_key() || event.meta_key() || event.shift_key())
}
