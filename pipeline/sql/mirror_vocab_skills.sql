INSERT INTO vocab_skills (name, category, in_guide, aliases) SELECT name, category, in_guide, aliases FROM vocab
