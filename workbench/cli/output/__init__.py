"""What the commands print or write for people to read: terminal tables, the findings of
``workbench check``, the HTML review report. Rendering only: no command logic, no Click."""
