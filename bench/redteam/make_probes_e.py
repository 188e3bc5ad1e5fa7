"""Blind probe set E for Steward: leak.name_shape (must_not_reach) and survive.lookalike (must_survive).

Stdlib only, fixed seed. Every person, council, address and text below is invented (organisations and
places named after historical people are used as look-alikes only). Writes probes_e.jsonl next to this
file in the format bench/redteam/run.py loads. Never commit the output.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SEED = 20261203
rng = random.Random(SEED)
OUT = Path(__file__).resolve().parent / "probes_e.jsonl"
MODEL = "gpt-4o-mini"


def chat(user: str, system: str | None = None, stream: bool | None = None) -> tuple[str, dict]:
    msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]
    body: dict = {"model": MODEL, "messages": msgs}
    if stream if stream is not None else rng.random() < 0.3:
        body["stream"] = True
    return "chat", body


def responses(inp, instructions: str | None = None) -> tuple[str, dict]:
    body: dict = {"model": MODEL, "input": inp}
    if instructions:
        body["instructions"] = instructions
    return "responses", body


def resp_items(*texts: str) -> list:
    return [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": t} for t in texts]}]


def tool_call(user: str, fn: str, args: dict, result: str | None = None) -> tuple[str, dict]:
    msgs = [{"role": "system", "content": "You are a council casework assistant. Use the tools provided."},
            {"role": "user", "content": user},
            {"role": "assistant", "content": None,
             "tool_calls": [{"id": "call_e1", "type": "function",
                             "function": {"name": fn, "arguments": json.dumps(args, ensure_ascii=False)}}]}]
    if result is not None:
        msgs.append({"role": "tool", "tool_call_id": "call_e1", "content": result})
    msgs.append({"role": "user", "content": "Summarise the outcome for the case file."})
    return "chat", {"model": MODEL, "messages": msgs}


# ------------------------------------------------------------------ leak.name_shape
# (request, values): values are distinctive lower-cased pieces of private people's names.

LEAK = [
    (chat("can you draft a polite reply to mrs bronwen llewelyn-pugh at 14 heol y dderwen about her missed "
          "green bin, she has rung twice this week and is getting fed up"),
     ["bronwen", "llewelyn", "pugh"]),
    (chat("TENANCY AUDIT VISIT\nTENANT: DARIUSZ WIŚNIEWSKI\nPARTNER: AGATA WIŚNIEWSKA\nFLAT 7B, CORNMILL HOUSE\n"
          "NOTES: BOTH PRESENT, BOILER SERVICE OVERDUE. Turn this into a short letter."),
     ["dariusz", "wiśniewski", "agata", "wiśniewska"]),
    (chat("Summarise this for the housing panel: Rhodri ap Gwilym and his sister Eirlys ab Owain-Prydderch have asked "
          "to swap tenancies within the Bryn Glas block so Rhodri can be nearer his work."),
     ["rhodri", "gwilym", "eirlys", "owain", "prydderch"]),
    (chat("Sgrìobh litir ghoirid sa Bheurla: Catrìona NicLeòid (Mrs C. NicLeòid) asked the council in Steòrnabhagh about "
          "a school transport place for her son Murchadh MacAoidh."),
     ["catrìona", "nicleòid", "murchadh", "macaoidh"]),
    (chat("Complaint ref 55120. Siobhán Ní Bhriain says the pothole outside her gate damaged her tyre. Her neighbour "
          "Pádraig Ó Súilleabháin witnessed it. Draft an acknowledgement to Ms Ní Bhriain."),
     ["siobhán", "bhriain", "pádraig", "súilleabháin"]),
    (chat("please tidy this note: declan o'loughlin (flat 2) and shona mckechnie (flat 4) both report the door entry "
          "buzzer is broken. declan says it has been off since sunday."),
     ["declan", "loughlin", "shona", "mckechnie"]),
    (chat("Case note, early help: home visit to Faadumo Cabdullaahi Warsame and her children. Faadumo asked for help "
          "with the uniform grant form; her brother Abdirisaaq Warsame Jaamac interpreted."),
     ["faadumo", "cabdullaahi", "warsame", "abdirisaaq", "jaamac"]),
    (chat("Write a council tax reminder addressed to Mrs K. P. Adeyemi, 22 Lark Rise. The account is joint with "
          "Mr Oluwaseun Adeyemi-Bakare."),
     ["adeyemi", "oluwaseun", "bakare"]),
    (responses("Draft a reply to Kwabena Owusu-Ansah, who wrote in about the parking permit for his mother, Akosua "
               "Owusu-Ansah. Kwabena wants to know why the renewal was refused."),
     ["kwabena", "owusu", "ansah", "akosua"]),
    (chat("Benefits query from Zainab Chaudhry and her husband Mohammed Imran Chaudhry re housing benefit overpayment. "
          "Zainab says Imran started work in March. Draft a response explaining the recovery process."),
     ["zainab", "chaudhry", "imran"]),
    (chat("Interpreter request for the review meeting: WONG Siu-ming (Cantonese) and TRẦN Văn Khoa (Vietnamese). "
          "Mr Wong prefers mornings; Mr Trần can only attend after 3pm. Write the booking email."),
     ["wong", "siu-ming", "trần", "khoa"]),
    (chat("Gülşen Yıldırım has reported anti-social behaviour from the flat above; she named the occupant as Rêbîn "
          "Barzanî. Please write a neutral summary for the ASB officer."),
     ["gülşen", "yıldırım", "rêbîn", "barzanî"]),
    (chat("Draft an adult social care assessment letter for João Pedro da Silva Gonçalves, whose daughter Thaís "
          "Gonçalves is his main carer."),
     ["joão", "pedro", "silva", "gonçalves", "thaís"]),
    (chat("Minutes tidy-up please. Tenants' panel, Harbour Estate. Attendees: Delroy Fitzgerald-Campbell (tenant rep), "
          "Marcia Oyelowo-Henry (tenant rep), Sam (housing officer). Apologies: Winston Thorpe-Archibald."),
     ["delroy", "fitzgerald", "campbell", "marcia", "oyelowo", "henry", "winston", "thorpe", "archibald"]),
    (chat("Translate into plain English for the letter: Ionuț-Alexandru Popescu and Rūta Kazlauskienė are joint "
          "applicants for the garden waste subscription at 9 Beech Row."),
     ["ionuț", "alexandru", "popescu", "rūta", "kazlauskienė"]),
    (chat("From the arrears list, draft letters for these accounts:\nHARGREAVES, Wendy Ann - £412.60\n"
          "OKONKWO, Chidinma - £88.10\nJABŁOŃSKI, Tomasz - £1,204.00"),
     ["hargreaves", "wendy", "okonkwo", "chidinma", "jabłoński", "tomasz"]),
    (chat("Rota for the library volunteers (surname first as on the sheet): Pennycook Irene, Abubakar Halima, "
          "Szymańska Jolanta, Ferreira Beatriz. Make it into a table by weekday."),
     ["pennycook", "irene", "abubakar", "halima", "szymańska", "jolanta", "ferreira", "beatriz"]),
    (chat("Safeguarding referral summary: Bartholomew 'Barty' Whitcombe, 79, lives alone; neighbour Gareth Prothero "
          "(known as Gaz) has been collecting his pension. Barty says Gaz keeps his bank card."),
     ["bartholomew", "barty", "whitcombe", "gareth", "prothero"]),
    (chat("Improve the tone of this email:\n\nHi all,\nthe skip at the depot is full again. Can someone chase it?\n\n"
          "Kind regards,\nLorna\n\nLorna Featherstonehaugh\nWaste Services Assistant\n01632 960 418"),
     ["lorna", "featherstonehaugh"]),
    (chat("Summarise this webchat:\n[10:02] Agent (Priya): Good morning, how can I help?\n[10:03] Tadeusz Kowalczyk: "
          "my fence blew down onto the footpath\n[10:04] Agent (Priya): Thanks Mr Kowalczyk, can I take a postcode?\n"
          "[10:05] Tadeusz Kowalczyk: yes it is the one by the school"),
     ["priya", "tadeusz", "kowalczyk"]),
    (chat("Dear Sir or Madam,\n\nI am writing for the third time about the damp in my son's bedroom. Nobody has come "
          "out.\n\nYours faithfully,\nMaureen Ashworth-Lyle (Mrs)\n\nPlease draft a reply that apologises."),
     ["maureen", "ashworth", "lyle"]),
    (chat("tel msg 10:42 - jas from flat 3 (jaswinder kaur sandhu) rang re mould in bathroom, wants call back pm. "
          "Turn into a repairs ticket description."),
     ["jaswinder", "sandhu", "kaur"]),
    (chat("Case notes 12/11: Visited Ewelina Zielińska at home. Ewelina was upset about the letter. Ewelina's son "
          "Kacper attends the pupil referral unit. Ewelina agreed to a follow-up. Please summarise."),
     ["ewelina", "zielińska", "kacper"]),
    (tool_call("Look up the blue badge application for the resident who called.", "find_blue_badge_application",
               {"forename": "Ikechukwu", "surname": "Eze-Nwosu", "postcode": "AB1 2CD"},
               '{"status": "pending", "applicant": "Ikechukwu Eze-Nwosu", "assessor": "Philippa Drinkwater"}'),
     ["ikechukwu", "nwosu", "philippa", "drinkwater"]),
    (responses(resp_items("Rewrite this complaint summary in plain English.",
                          "Complainant: Ms Yetunde Bankole-Ogunleye. She says the officer, Callum Rintoul, was rude "
                          "to her on the phone.")),
     ["yetunde", "bankole", "ogunleye", "callum", "rintoul"]),
    (chat("please put these into title case for the electoral register check: pieter van der merwe, lucinda de souza, "
          "gianluca di stefano, amélie le roux, francois du plessis"),
     ["pieter", "merwe", "lucinda", "souza", "gianluca", "stefano", "amélie", "roux", "francois", "plessis"]),
    (chat("Write a short welcome letter for the new allotment holders Ahmed al-Qahtani and Yasmin El-Sayed."),
     ["ahmed", "qahtani", "yasmin", "sayed"]),
    (chat("The school admissions appeal is from Hafiz bin Osman on behalf of his niece Siti Nurhaliza binti Kamarudin. "
          "Draft the panel cover note."),
     ["hafiz", "osman", "siti", "nurhaliza", "kamarudin"]),
    (chat("Draft a letter to Iain MacGillivray about his Council Tax single person discount; his partner Ùisdean "
          "MacIllFhinnein is now registered at the address."),
     ["iain", "macgillivray", "ùisdean", "macillfhinnein"]),
    (chat("Máire Uí Fhlaithearta (née Ní Chonaill) has asked for her late husband's name to be removed from the "
          "council tax account. Draft a bereavement-friendly reply."),
     ["máire", "fhlaithearta", "chonaill"]),
    (chat("can you make this sound friendlier: 'the missed collection has been logged, thanks for your patience'\n"
          "cheers, dave\n(david pennington-rowe, street scene)"),
     ["dave", "david", "pennington", "rowe"]),
    (chat("URGENT - NOISE COMPLAINT FROM CHIDI ANYANWU-OKORO ABOUT PARTIES AT NUMBER 12 (OCCUPIER: KELSEY BRAITHWAITE). "
          "WRITE A WARNING LETTER TO MS BRAITHWAITE."),
     ["chidi", "anyanwu", "okoro", "kelsey", "braithwaite"]),
    (chat('Fill in the letter template using this record: {"tenant": {"first_name": "Agnieszka", "last_name": '
          '"Dąbrowska", "preferred_name": "Aga"}, "tenancy_start": "2019-04-01", "property": "12 Mill Lane"}'),
     ["agnieszka", "dąbrowska", "aga"]),
    (chat("grzegorz szczepańczyk phoned about his housing register band, he thinks it should be band b because of "
          "his back. grzegorz was quite upset. write a callback script."),
     ["grzegorz", "szczepańczyk"]),
    (chat("Draft a reply to Liang Xiaoyu (she goes by Sally) about the nursery funding. Sally's application was "
          "missing a proof of address."),
     ["liang", "xiaoyu", "sally"]),
    (chat("Please write to Mrs Lakshmi Venkataraman confirming the assisted bin collection. On the old system she is "
          "listed as 'Mrs L. Venkataraman'. Lakshmi asked that the crew leave the bin by the side gate."),
     ["lakshmi", "venkataraman"]),
    (responses("Summarise the home care review: Shahida Khatun Chowdhury (82) receives two calls a day. Her grandson "
               "Rezaul Karim Chowdhury attended. Shahida would like a later evening call.",
               instructions="You help council social workers write concise summaries."),
     ["shahida", "khatun", "chowdhury", "rezaul", "karim"]),
    (chat("Hêvî Ehmed and her husband Serdar Aydoğdu came to the customer service centre about their Universal Credit "
          "housing costs. Write up the visit."),
     ["hêvî", "ehmed", "serdar", "aydoğdu"]),
    (chat("Teams chat export, summarise the actions:\nBeddoes, Nerys 09:14 - has anyone spoken to the Okafor-Lindsay "
          "family about the rent account?\nQuinlan, Oisín 09:16 - i rang Adaora Okafor-Lindsay yesterday, no answer\n"
          "Beddoes, Nerys 09:17 - ok try Adaora again today pls"),
     ["beddoes", "nerys", "okafor", "lindsay", "quinlan", "oisín", "adaora"]),
    (chat("Write a thank-you note to the foster carers Tendai Mukamuri-Reid and Rosalind 'Roz' Heathcote-Mbeki "
          "for taking an emergency placement at short notice."),
     ["tendai", "mukamuri", "reid", "rosalind", "roz", "heathcote", "mbeki"]),
]

# ------------------------------------------------------------------ survive.lookalike
# (request, words): words must reach the provider unchanged (whole word, same case).

SURVIVE = [
    (chat("Draft a press release: Cllr Gwenllian Prys-Jenkins, Cabinet Member for Housing, will open the new "
          "sheltered scheme at Maes yr Ysgol on Friday."),
     ["Gwenllian", "Prys-Jenkins", "will"]),
    (chat("Tobias Ekwueme, Director of Adult Social Care, will present the winter pressures report to Cabinet in May."),
     ["Tobias", "Ekwueme", "will", "May"]),
    (chat("Summarise: the Leader of the Council, Councillor Farhana Mirza-Haque, has written to the Secretary of State "
          "asking for a fairer funding settlement."),
     ["Farhana", "Mirza-Haque"]),
    (chat("Tighten these two letter endings for Midvale Borough Council:\n\nWe will keep you informed.\nYours sincerely,"
          "\n\nCllr Owain Tudur-Mathias\nCabinet Member for Highways and Transport\nMidvale Borough Council\n\n---\n\n"
          "Thank you for your patience.\nKind regards,\n\nDr Helena Strachan-Wood\nChief Executive"),
     ["Owain", "Tudur-Mathias", "Helena", "Strachan-Wood", "Midvale", "will"]),
    (chat("Turn these into formal minutes. Planning Committee, 4 November. Present: Councillors Brightwater (Chair), "
          "Oyelaran, Kaczmarek and Ní Dhomhnaill. Cllr Oyelaran declared an interest in item 6. Cllr Brightwater moved "
          "approval, seconded by Cllr Kaczmarek. Mr Alun Pritchard-Lowe (objector, 3 Hawthorn Rise) spoke against."),
     ["Brightwater", "Oyelaran", "Kaczmarek", "Dhomhnaill"]),
    (chat("Write a briefing note for the Rt Hon Isobel Fairclough-Nkemelu MP, Member of Parliament for Westhaven North, "
          "ahead of her visit to the food bank."),
     ["Isobel", "Fairclough-Nkemelu", "Westhaven"]),
    (chat("Draft a bilingual invitation to Sioned Cadwaladr MS, the Senedd Member for Dyffryn Teifi, to open the "
          "library refurbishment."),
     ["Sioned", "Cadwaladr", "Teifi"]),
    (responses("Ruaridh MacIlwraith MSP has asked the council for the number of empty homes brought back into use "
               "last year. Draft a response from the Head of Housing."),
     ["Ruaridh", "MacIlwraith"]),
    (chat("The Mayor of Ashcombe, Cllr Nuno Carvalho-Pires, opened the Christmas market. Write two sentences for the "
          "newsletter."),
     ["Ashcombe", "Nuno", "Carvalho-Pires"]),
    (chat("Make this more concise: Director of Public Health Dr Adaeze Obiora-Lindqvist will publish the annual "
          "report, which covers smoking, obesity and air quality."),
     ["Adaeze", "Obiora-Lindqvist", "will"]),
    (chat("Please write a standard reply telling residents to report repairs to housing.repairs@ashcombe.gov.uk or "
          "call 0300 123 4567, and to send complaints to complaints@ashcombe.gov.uk."),
     ["housing.repairs@ashcombe.gov.uk", "complaints@ashcombe.gov.uk"]),
    (chat("Rewrite: Freedom of information requests should go to foi@midvale.gov.uk and subject access requests to "
          "dpo@midvale.gov.uk. Mrs Patience Oduya asked where to send hers."),
     ["foi@midvale.gov.uk", "dpo@midvale.gov.uk"]),
    (chat("Draft an out-of-office message that points people to council.tax@westhaven.gov.uk for bills and "
          "blue.badge@westhaven.gov.uk for parking, and says the office re-opens in June."),
     ["council.tax@westhaven.gov.uk", "blue.badge@westhaven.gov.uk", "June"]),
    (chat("Summarise the referral route: GPs send concerns to wcs.safeguarding.adults@nhs.net and the council "
          "triage team is at adult.social.care@glanmor.gov.uk."),
     ["wcs.safeguarding.adults@nhs.net", "adult.social.care@glanmor.gov.uk"]),
    (responses("Write guidance for candidates: nomination papers go to electoral.services@kilbride.gov.uk; "
               "questions about postal votes to elections@kilbride.gov.uk."),
     ["electoral.services@kilbride.gov.uk", "elections@kilbride.gov.uk"]),
    (chat("Tell the resident that enforcement complaints go to planning.enforcement@ashcombe.gov.uk and that the "
          "bereavement team is on bereavement.services@ashcombe.gov.uk. The case officer, Rhiannon Okwuosa, is on "
          "r.okwuosa@ashcombe.gov.uk."),
     ["planning.enforcement@ashcombe.gov.uk", "bereavement.services@ashcombe.gov.uk"]),
    (chat("Draft a road closure notice: Nelson Mandela Close and Grace Darling Road will be closed for resurfacing; "
          "diversion via Keir Hardie Avenue."),
     ["Nelson", "Mandela", "Grace", "Darling", "Keir", "Hardie", "will"]),
    (chat("Write a tenants' newsletter item about new play equipment on the Ellen Wilkinson Estate and the Aneurin "
          "Bevan Court community garden."),
     ["Ellen", "Wilkinson", "Aneurin", "Bevan"]),
    (chat("Ward profile summary: Bishop Lewis ward and St Margaret's ward have the highest rates of fuel poverty; "
          "Queen Eleanor ward has the lowest."),
     ["Bishop", "Lewis", "Margaret's", "Eleanor"]),
    (chat("Admissions letter: your child has been offered a place at St Cuthbert's RC Primary School; the second "
          "preference was Mary Seacole Academy. Appeals to admissions@ashcombe.gov.uk."),
     ["Cuthbert's", "Mary", "Seacole", "admissions@ashcombe.gov.uk"]),
    (chat("Summarise the hospital discharge arrangements with Betsi Cadwaladr University Health Board and Aneurin Bevan "
          "University Health Board for patients on Florence Nightingale ward."),
     ["Betsi", "Cadwaladr", "Aneurin", "Bevan", "Florence", "Nightingale"]),
    (chat("Write the timetable blurb: swimming lessons at Harold Treadwell Leisure Centre and gym inductions at the "
          "Dorothy Ashby Sports Hub. Mr Keith Ollerenshaw asked about concessions."),
     ["Harold", "Treadwell", "Dorothy", "Ashby"]),
    (chat("Signpost the family to Barnardo's, Macmillan Cancer Support and the Joseph Rowntree Foundation report on "
          "destitution."),
     ["Barnardo's", "Macmillan", "Joseph", "Rowntree"]),
    (chat("Procurement note: quotes received from Hughes Brothers Roofing Ltd, Patel & Sons Pharmacy supplies and "
          "McAllister Plant Hire for the depot works. Compare them briefly."),
     ["Hughes", "Patel", "McAllister"]),
    (chat("Fleet report: replace two Ford Transit vans; the Dyson hand dryers at the civic centre need servicing; "
          "catering is from Marks & Spencer."),
     ["Ford", "Dyson", "Marks", "Spencer"]),
    (chat("Rewrite for the website: The tenant will pay the arrears in instalments from May. If you have a question "
          "about your bill, we will be happy to help. We will not charge a penny for the first visit."),
     ["will", "May", "bill", "penny"]),
    (chat("Plain English please: Grant funding is available. The Disabled Facilities Grant may cover a stairlift; you "
          "may need to mark the form 'urgent'."),
     ["Grant", "may", "mark"]),
    (chat("Explain simply: rents rose by 6.7% in April. We hope the cost of living payment will help, and you can sue "
          "a landlord who keeps your deposit unprotected."),
     ["rose", "April", "hope", "will", "sue"]),
    (chat("Write the summer events listing: Summer Fair at Victoria Park, Holly Lodge open day, Ivy Street carol "
          "service, and the Heather Garden tour in August."),
     ["Summer", "Victoria", "Holly", "Ivy", "carol", "Heather", "August"]),
    (responses("Tidy this grounds note: the rose beds need mulch, the holly hedge needs cutting back, and the amber "
               "warning for wind means the crew should secure the skip. Frank feedback welcome."),
     ["rose", "holly", "amber", "Frank"]),
    (chat("Housing officer note: we will chase the repair; we may need a jack to lift the shed. Dawn visits are not "
          "possible. Mrs Gráinne Mhic Giolla Bhríde was told to expect a call."),
     ["will", "chase", "may", "jack", "Dawn"]),
    (chat("Draft a councillor casework reply for Cllr Bilal Rahman-Osei (Riverside ward), who is asking about the "
          "fly-tipping on Walter Tull Way."),
     ["Bilal", "Rahman-Osei", "Walter", "Tull"]),
    (chat("Licensing sub-committee minutes: the Chair, Cllr Mererid Bowen-Llwyd, opened the hearing. The Licensing "
          "Manager, Simon Agbaje-Frost, presented the report. The applicant's agent spoke."),
     ["Mererid", "Bowen-Llwyd", "Simon", "Agbaje-Frost"]),
    (chat("Compose the standard footer for letters from Siobhan Keane-Oduya, Head of Revenues and Benefits, Glanmor "
          "County Council. Queries to revenues@glanmor.gov.uk."),
     ["Siobhan", "Keane-Oduya", "revenues@glanmor.gov.uk"]),
    (chat("Summarise the scrutiny question: Councillor Dmitri Vasquez-Holm asked the Portfolio Holder for Environment, "
          "Cllr Amara Fofanah, when the Sir Winston Churchill Leisure Centre pool would reopen."),
     ["Dmitri", "Vasquez-Holm", "Amara", "Fofanah", "Winston", "Churchill"]),
    (chat("Write a plaque inscription: The Kenneth Obi Youth Centre was opened by Her Worship the Mayor, Cllr Ffion "
          "Lloyd-Hazeldine, in memory of a much-loved youth worker."),
     ["Kenneth", "Obi", "Ffion", "Lloyd-Hazeldine"]),
    (chat("Make this news item shorter: Emmeline Pankhurst House and the Olaudah Equiano Centre will host the "
          "Black History Month exhibition; the Terrence Higgins Trust runs a stall."),
     ["Emmeline", "Pankhurst", "Olaudah", "Equiano", "Terrence", "Higgins", "will"]),
    (chat("Rewrite for residents: report streetlight faults to streetlighting@kilbride.gov.uk; the Bill Shankly "
          "Community Hub is a warm space; Joy Lane car park is free after 6pm."),
     ["streetlighting@kilbride.gov.uk", "Bill", "Shankly", "Joy"]),
    (responses(resp_items("Summarise for the Cabinet briefing.",
                          "Cabinet Member for Children's Services Cllr Precious Mabuza-Kerr and the Corporate Director "
                          "of Children's Services, Rónán Ó Dálaigh, will visit Hope Street Family Centre in March.")),
     ["Precious", "Mabuza-Kerr", "Rónán", "Dálaigh", "Hope", "will"]),
    (chat("Draft a reply for the Police and Crime Commissioner, Marcus Oyebanji-Thwaite, about CCTV at the Lady "
          "Margaret Beaufort Shopping Centre. Mrs Teodora Ilieva raised it at the meeting.",
          system="You draft correspondence for a UK council. Keep public officials' names as given."),
     ["Marcus", "Oyebanji-Thwaite", "Lady", "Margaret", "Beaufort"]),
]


def main() -> None:
    assert len(LEAK) == 40 and len(SURVIVE) == 40, (len(LEAK), len(SURVIVE))
    rows = []
    for i, ((endpoint, request), values) in enumerate(LEAK, 1):
        rows.append({"id": f"e-name-{i:02d}", "class": "leak.name_shape", "kind": "must_not_reach",
                     "use_case": "redact", "endpoint": endpoint, "request": request,
                     "expect": {"values": values}})
    for i, ((endpoint, request), words) in enumerate(SURVIVE, 1):
        rows.append({"id": f"e-look-{i:02d}", "class": "survive.lookalike", "kind": "must_survive",
                     "use_case": "redact", "endpoint": endpoint, "request": request,
                     "expect": {"words": words}})
    with OUT.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} probes to {OUT}")


if __name__ == "__main__":
    main()
