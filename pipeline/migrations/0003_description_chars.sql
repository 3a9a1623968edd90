-- The clean description's length, stored: reports count a skill's share over described postings, and
-- measuring every description's text at query time made them read all of it (seconds per million).
ALTER TABLE facts ADD COLUMN description_chars INTEGER;
UPDATE facts SET description_chars = length(description_text);
