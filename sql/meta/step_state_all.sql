select step, input_fingerprint
from meta.step_state
where step not in ('render', 'render_and_publish')
order by step
