"""The daily close (日清日结): the board and the day's receipts reconciled with the deals, closed by
the site manager and countersigned by finance and the developer's rep."""
