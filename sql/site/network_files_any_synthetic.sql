select coalesce(bool_or(is_synthetic), false) as any_synthetic
from core.patent
