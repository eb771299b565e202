"""The terms area: spelling and the glossary, and the marks they put on the rows."""
