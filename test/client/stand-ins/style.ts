/** CSS imports are side effects only; jest maps them to this empty module. */
export default {};
