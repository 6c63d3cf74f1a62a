BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Ny mission') BBBBBBBB
BBBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'Ny mission') XXXXX
XXX gettext(u'Join hellere en eksisterende mission end at starte en parallel. Den ansvarlige organisations ledere tager stilling til, hvem der kan deltage.') XXXX
XXXXX XXXXXXXXXXXXX XXXXXXXXXXXBBBBBBBBBB
  
  XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'Opret mission') XXXXXXXXX
XXXXXXX
BBBBBBBB
