BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBBBB BBBBBBB gettext(u'Redigér projekt') BBBB gettext(u'Nyt projekt') BBBBBBBBBBBBB
BBBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBBB BBBBBBB
BB BBBBBBBXXXX gettext(u'Redigér projekt') XXXXX
XXX gettext(u'Fasen ændres kun ved en gatebeslutning.') XXXX
BBBBXXXX gettext(u'Nyt projekt') XXXXX
XXX gettext(u'Projektet starter i fasen Opstart, og din organisation bliver projektejer. Tilføj partnere bagefter.') XXXXBBBBB
XXXXX XXXXXXXXXXXXX XXXXXXXXXXXBBBBBBBBBB
  
  XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXBB BBBBBBB gettext(u'Gem projekt') BBBB gettext(u'Opret projekt') BBBBBXXXXXXXXX
XXXXXXX
BBBBBBBB
