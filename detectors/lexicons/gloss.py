"""Word glosses from Welsh and French into the English the intent detectors read (data only).

Entries are dictionary (radical, accent-folded, lower-case) forms of words for decisions, outcomes,
people, special categories and the function words their grammar needs -- general vocabulary, not
sentences. A Welsh word may appear mutated in text; `welsh_radicals` lists the forms it can come from.
An empty gloss drops a particle with no English counterpart (Welsh predicative "yn").
"""

from __future__ import annotations

# fmt: off
_CY = """
penderfynu=decide penderfynwch=decide penderfyna=decide penderfynnwch=decide penderfyniad=decision
dyfarniad=verdict dyfarnu=rule canlyniad=outcome argymhelliad=recommendation ateb=answer atebwch=answer
atebiad=answer dywedwch=say rhowch=give rhoi=give ysgrifennwch=write rhestrwch=list gair=word
diswyddo=dismiss diswyddwch=dismiss diswyddiad=dismissal cadw=keep cadwch=keep terfynu=terminate
troi=turn allan=out cymeradwyo=approve cymeradwywch=approve gwrthod=refuse gwrthodwch=refuse
caniatau=grant dyfarnu=award euog=guilty dieuog=innocent atebol=liable erlyn=prosecute dirwy=fine
rhybudd=warning disgyblu=disciplinary disgyblaeth=discipline gwrandawiad=hearing apel=appeal
ie=yes na=no nage=no naddo=no neu=or chi=you chwi=you ti=you dylem=should dylai=should dylid=should
dylech=should gallwn=can allwn=can ni=we fe=he fo=he ef=him hi=she nhw=they ei=his eu=their
y=the yr=the mae=is roedd=was oedd=was bydd=will yw=is ydy=is ydyw=is yn= wedi=has i=to am=about
ar=on o=of gyda=with gan=by ac=and os=if pa=which pwy=who beth=what ddim=not dim=no fel=as
chwarae=play actiwch=act actio=act rol=role panel=panel pwyllgor=committee barnwr=judge
tenant=tenant tenantiaid=tenants ymgeisydd=applicant ymgeiswyr=applicants gweithiwr=employee
cyflogai=employee cyflogeion=employees aelod=member staff=staff swydd=job cyflogaeth=employment
tai=housing ty=house fflat=flat cartref=home llety=accommodation digartref=homeless budd-dal=benefit
budd-daliadau=benefits cymwys=eligible dyled=debt dyledion=debts ol-ddyledion=arrears
benthyciad=loan benthyg=lend ad-daliad=repayment credyd=credit llys=court tribiwnlys=tribunal
trosedd=offence troseddau=offences doe=yesterday heddiw=today
cyngor=council e=he teulu=family plant=children plentyn=child cael=get trwydded=licence dirymu=revoke
epilepsi=epilepsy iselder=depression diabetes=diabetes diabetig=diabetic canser=cancer dementia=dementia
sgitsoffrenia=schizophrenia gorbryder=anxiety anabledd=disability anabl=disabled awtistiaeth=autism
awtistig=autistic beichiog=pregnant strôc=stroke stroc=stroke asthma=asthma arthritis=arthritis
meddyginiaeth=medication ysbyty=hospital clefyd=disease cyflwr=condition alcoholig=alcoholic
dioddef=suffers caethiwed=addiction seicosis=psychosis deubegwn=bipolar
mwslim=Muslim mwslimaidd=Muslim cristion=Christian cristnogol=Christian iddew=Jew iddewig=Jewish
hindw=Hindu sikh=Sikh bwdhydd=Buddhist bwdhaidd=Buddhist anffyddiwr=atheist mosg=mosque capel=chapel
eglwys=church synagog=synagogue gweddio=prays addoli=worships ffydd=faith crefydd=religion
llafur=Labour ceidwadwyr=Conservatives ceidwadol=Conservative pleidleisio=votes pleidleisiodd=voted
plaid=party ymgyrchu=campaigns undeb=union unsain=Unison
hoyw=gay lesbiaidd=lesbian lesbiad=lesbian deurywiol=bisexual trawsryweddol=transgender
sipsi=Gypsy teithwyr=Travellers ethnig=ethnic
sgor=score sgorio=score sgoriwch=score graddiwch=grade graddio=grade risg=risk cais=application
ceisiadau=applications dan=under dros=over uwch=above llai=less mwy=more awtomatig=automatically
awtomataidd=automated unrhyw=any treth=tax gostyngiad=reduction rhyddhad=relief grant=grant
"""

_CY_PAIRS = """
troi_allan=evict dim_ond=only un_gair=one_word undeb_llafur=trade_union a_ddylem=should_we a_ddylai=should
a_yw=whether a_ydy=whether yn_unig=only a_ddylid=whether_to a_ddylech=whether_you_should
a_ddylen=whether_we_should ar_ol=after
plaid_cymru=Plaid_Cymru salwch_meddwl=mental_illness iechyd_meddwl=mental_health dioddef_o=suffers_from
mae_ganddo=he_has mae_ganddi=she_has mae_ganddynt=they_have
unrhyw_beth=anything o_dan=under neu_fwy=or_more neu_lai=or_less treth_gyngor=council_tax
"""

_FR = """
decider=decide decidez=decide decide=decide decision=decision verdict=verdict resultat=outcome
issue=outcome repondez=answer repondre=answer reponse=answer dites=say donnez=give indiquez=state
licencier=dismiss licenciez=dismiss renvoyer=dismiss renvoyez=dismiss garder=keep gardez=keep
conserver=keep expulser=evict expulsez=evict approuver=approve approuvez=approve refuser=refuse
refusez=refuse rejeter=reject rejetez=reject accorder=grant coupable=guilty innocent=innocent
responsable=liable poursuivre=prosecute amende=fine sanction=sanction avertissement=warning
disciplinaire=disciplinary audience=hearing recours=appeal
oui=yes non=no ou=or vous=you tu=you nous=we il=he elle=she lui=him ils=they leur=their
devons=should doit=should devrait=should faut=must si=whether le=the la=the les=the l=the du=of_the
de=of d=of a=has est=is et=and pour=for par=with son=his sa=her ses=his seulement=only uniquement=only
mot=word jouez=play agissez=act comme=as role=role jury=panel comite=committee juge=judge
locataire=tenant locataires=tenants candidat=applicant candidate=applicant employe=employee
employee=employee salarie=employee salariee=employee poste=job emploi=job logement=housing
pret=loan dette=debt dettes=debts arrieres=arrears credit=credit tribunal=court infraction=offence
licence=licence trancher=decide tranchez=decide tranche=decide statuez=decide statuer=decide
acceptee=accepted accepte=accepted accepter=accept refusee=refused refuse=refused accordee=granted
accorde=granted rejetee=rejected rejete=rejected demande=application aide=support doit-elle=should_she
doit-il=should_he
"""

_FR_PAIRS = """
un_mot=one_word nous_devons=we_should faut-il=should_we qui_tranchez=decide qui_decidez=decide
qui_statuez=decide
"""
# fmt: on


def _table(data: str) -> dict[str, str]:
    pairs = (entry.split("=", 1) for entry in data.split())
    return {k.replace("_", " "): v.replace("_", " ") for k, v in pairs}


WELSH = _table(_CY)
WELSH_PAIRS = _table(_CY_PAIRS)
FRENCH = _table(_FR)
FRENCH_PAIRS = _table(_FR_PAIRS)

# Welsh initial mutations, undone: mutated prefix -> radical prefixes it can come from.
_UNMUTATE = (
    ("ngh", ("c",)), ("mh", ("p",)), ("nh", ("t",)), ("ng", ("g",)), ("ch", ("c",)), ("ph", ("p",)),
    ("th", ("t",)), ("dd", ("d",)), ("g", ("c",)), ("b", ("p",)), ("d", ("t",)), ("f", ("b", "m")),
    ("l", ("ll",)), ("r", ("rh",)), ("m", ("b",)), ("n", ("d",)), ("h", ("",)),
)


def welsh_radicals(word: str) -> list[str]:
    """Radical forms a (possibly mutated) Welsh word can come from, most likely first."""
    out = [radical + word[len(prefix):] for prefix, radicals in _UNMUTATE if word.startswith(prefix)
           for radical in radicals]
    if word[:1] in "aeiouwyl r":
        out.append("g" + word)  # soft mutation drops an initial g ("wraig" <- "gwraig")
    return out
