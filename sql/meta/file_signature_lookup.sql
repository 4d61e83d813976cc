-- The recorded hash of an inbox unit whose members kept their size and mtime since it was taken, unless a member
-- was modified within $racy ns before hashing (git's "racily clean" rule).
select sha256, size_bytes
from meta.file_signature
where path = $path and signature = $signature and hashed_at_ns - $newest > $racy
