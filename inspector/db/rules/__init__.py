"""The rules database: HS nomenclature, export controls, keywords, licences, watchlists."""
