-- The catalogue's descriptions in Swedish too, as the notices have both languages: `description` is English.
ALTER TABLE software
  ADD COLUMN description_sv text NOT NULL DEFAULT '' CHECK (length(description_sv) <= 1000);
