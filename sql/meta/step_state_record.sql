insert or replace into meta.step_state values ($step, $fingerprint, $at, $summary)
