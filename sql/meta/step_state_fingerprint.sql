select input_fingerprint
from meta.step_state
where step = $step
