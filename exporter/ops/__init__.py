"""Operations on documents, apart from any format: select, split, diff, merge."""
