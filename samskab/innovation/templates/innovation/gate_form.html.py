BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Gatebeslutning')  X BBBBBBBB
BBBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'Gatebeslutning') XXXXX
XX XXXXXXXXXXXXXXXXXX gettext(u'%(title)s er i fasen %(phase)s (%(status)s).') SSSSSSSSS SS S SSSSS SSSSSSSSS SSSSSSSSSSSSSXXXX
XXX gettext(u'Styregruppen kan sende projektet videre til næste fase, sætte det på pause, stoppe det eller sende det tilbage til en tidligere fase. Beslutningen og tjeklisten gemmes i projektets historik.') XXXX
XX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXBB BBBBBBB gettext(u'Mulige beslutninger nu:')  FFFFFFF FXBBBB gettext(u'Projektet er stoppet. Der kan ikke træffes flere gatebeslutninger.') BBBBBXXXX
XXXXX XXXXXXXXXXXXX XXXXXXXXXXXBBBBBBBBBB
  
  XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'Gem gatebeslutning') XXXXXXXXX
XXXXXXX
BBBBBBBB
