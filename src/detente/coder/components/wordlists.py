"""Word lists the event extractor reads: prepositions, verb and noun classes, pronouns.

Each set is small and named for what it decides; the comment above it says how the
extractor uses it (``events.py``). They are English words chosen for detente, not
taken from another coder's dictionaries.
"""

from __future__ import annotations

TARGET_PREPS = ("to", "with", "against", "on", "upon", "at", "toward", "towards", "into", "from", "over", "near",
                "for", "of", "about", "in", "by", "between", "across", "inside")
# How far a prepositional object falls behind a direct object when picking the target.
PREP_PENALTY = {"in": 3, "inside": 3, "across": 3, "by": 3, "for": 1, "about": 1, "over": 3, "of": 1, "from": 1, "at": 2,
                "near": 3}
# Bare nouns for armed forces ("deployed troops to X") are the doer's own, not the receiver.
OWN_FORCES = frozenset({"troop", "soldier", "force", "warship", "jet", "bomber", "tank", "missile", "ship", "army",
                        "navy", "personnel", "military", "unit", "battalion", "brigade", "fighter", "plane",
                        "aircraft", "drone", "helicopter", "submarine", "destroyer", "carrier", "reinforcement"})
SPEC_MODALS = frozenset({"could", "might", "may", "would", "should", "can", "must"})
SPEC_ADVERBS = frozenset({"reportedly", "possibly", "perhaps", "maybe", "allegedly", "likely", "probably",
                          "apparently", "potentially", "supposedly"})
SPEC_GOVERNORS = frozenset({"consider", "explore", "mull", "weigh", "contemplate", "speculate", "rumor", "rumour",
                            "expect", "predict", "hope", "wonder", "fear", "suggest", "believe", "think",
                            "doubt", "suspect", "imagine", "ponder", "allege"})
# passive verbs whose subject is the doer of the infinitive they govern ("X is set to deliver", "X was
# forced to withdraw"); not "X was urged / allowed to ...", which says nothing was done yet
RAISING_PASSIVES = frozenset({"set", "expect", "schedule", "slate", "poise", "suppose", "believe", "say", "report",
                              "think", "understand", "rumour", "rumor", "allege", "force", "compel", "oblige"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "who",
                      "which", "that", "this", "these", "those", "itself", "themselves", "himself", "herself",
                      "one", "some", "others", "both", "all", "what", "whom", "its", "their", "his"})
MENTION_DEPS = frozenset({"compound", "amod", "det", "poss", "case", "nmod", "flat", "nummod", "quantmod",
                          "npadvmod"})
ACTOR_NOUNS_EXTRA = frozenset({"counterpart", "official", "leader", "minister", "president", "government", "authority",
                               "spokesman", "spokeswoman", "spokesperson", "diplomat", "ambassador", "envoy",
                               "troop", "soldier", "force", "army", "military", "police", "militant", "rebel",
                               "insurgent", "protester", "demonstrator", "activist", "court", "judge",
                               "parliament", "lawmaker", "legislator", "opposition", "party", "regime",
                               "administration", "ministry", "agency", "council", "committee", "union",
                               "group", "faction", "militia", "fighter", "gunman", "terrorist", "company",
                               "firm", "bank", "prosecutor", "senator", "congress", "cabinet", "navy",
                               "coalition", "alliance", "delegation", "negotiator", "worker", "student",
                               "citizen", "resident", "villager", "civilian", "refugee", "migrant",
                               "journalist", "reporter", "media", "newspaper", "embassy", "consulate",
                               "kingdom", "state", "nation", "country", "republic", "organization",
                               "organisation", "commission", "department", "office", "people", "king",
                               "prince", "queen", "premier", "chancellor", "mayor", "governor", "general",
                               "commander", "chief", "head", "secretary", "chairman", "chairwoman",
                               "chairperson", "figure", "monitor", "inspector", "peacekeeper",
                               "investor", "doctor", "victim", "hostage", "prisoner", "detainee", "suspect",
                               "team", "camp", "base", "city", "town", "village", "site", "position",
                               "facility", "hospital", "school", "convoy", "vessel", "ship", "aircraft"})
# People named by a common noun: actors, even though no dictionary entry codes them.
PERSON_ACTOR_NOUNS = frozenset({"man", "woman", "person", "individual", "child", "boy", "girl", "teenager", "youth",
                                "member", "candidate", "seeker", "national", "tourist", "pilgrim", "worshipper",
                                "crew", "sailor", "fisherman", "farmer", "trader", "businessman", "businesswoman",
                                "executive", "employee", "staff", "voter", "supporter", "opponent", "critic",
                                "dissident", "blogger", "writer", "priest", "monk", "cleric", "bishop", "imam",
                                "scientist", "engineer", "expert", "observer", "volunteer", "guard", "officer",
                                "agent", "spy", "smuggler", "trafficker", "criminal", "gang", "separatist",
                                "jihadist", "extremist", "defector", "captive", "kidnapper", "hijacker", "pirate",
                                "attacker", "assailant", "gunman", "bomber", "sniper", "settler", "immigrant", "inmate", "convict",
                                "defendant", "lawyer", "attorney", "representative", "delegate", "protestor",
                                "striker", "owner", "family", "relative", "crowd", "mob", "population", "tribe",
                                "clan", "community", "minority", "authority", "host", "partner", "ally", "neighbour",
                                "neighbor", "rival", "enemy", "foe", "adversary", "dealer", "landlord", "tenant",
                                "teacher", "nurse", "miner", "driver", "pilot", "professor", "lecturer",
                                "labourer", "laborer", "docker", "dockworker", "physician", "surgeon", "hacker",
                                "researcher", "academic", "analyst", "contractor", "missionary", "athlete",
                                "schoolgirl", "schoolboy", "schoolchild", "pupil", "passenger", "motorist",
                                "commuter", "pedestrian", "shopper", "mourner", "spectator", "patient", "orphan",
                                "baby", "infant", "nun", "christian", "muslim", "worshiper"})
NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY", "EVENT", "LAW",
                            "WORK_OF_ART", "LANGUAGE"})
SPEECH_VERBS = frozenset({"say", "tell", "announce", "state", "claim", "report", "add", "note", "declare",
                          "insist", "confirm", "explain", "write", "tweet", "assert", "argue", "reiterate"})
SYMMETRIC = frozenset({"meet", "agree", "sign", "talk", "negotiate", "clash", "fight", "cooperate", "discuss",
                       "trade", "exchange", "hold", "stage", "conduct", "reach", "conclude", "establish",
                       "restore", "normalize", "normalise", "resume", "collaborate", "coordinate", "swap", "debate",
                       "disengage", "join"})
# Hostile acts ("launched a joint offensive with X against Y", "fought with X against Y"): their
# "against" phrase names the one acted on, their "with" phrase the partner.
HOSTILE_VERBS = frozenset({"fight", "battle", "wage"})
HOSTILE_ACT_NOUNS = frozenset({"operation", "offensive", "attack", "strike", "airstrike", "raid", "campaign", "war",
                               "assault", "crackdown"})
# Fights two sides have with each other: "were injured in a clash with X" was done by X.
CLASH_NOUNS = frozenset({"clash", "skirmish", "gunfight", "firefight", "battle", "fight", "fighting", "shootout",
                         "confrontation", "exchange"})
# Event nouns of acts two parties do together: "X and Y announced further cooperation".
SYMMETRIC_NOUNS = frozenset({"agreement", "deal", "accord", "treaty", "pact", "talk", "negotiation", "meeting",
                             "summit", "dialogue", "cooperation", "partnership", "relation", "tie", "clash",
                             "alliance", "exercise", "drill", "maneuver", "manoeuvre", "wargame"})
# Verbs whose "with" object is the partner, even when there is a direct object ("discussed Libya with X").
WITH_PARTNER = frozenset({"discuss", "talk", "hold", "negotiate", "meet", "cooperate", "trade", "sign", "agree",
                          "share", "exchange", "work", "consult", "raise", "conclude", "reach", "establish",
                          "coordinate", "collaborate", "debate"})
# Light verbs of stating a stance, whose coordinated event nouns are each a stance of their own
# ("expressed its rejection and condemnation of X"; not "announced aid and support for X").
STANCE_NOUN_VERBS = frozenset({"express", "voice", "reiterate", "repeat", "renew"})
LIGHT_VERBS = frozenset({"announce", "launch", "order", "offer", "issue", "make", "hold", "carry", "conduct",
                         "start", "begin", "declare", "express", "voice", "file", "take", "stage", "mount",
                         "initiate", "seek", "approve", "authorize", "authorise", "unveil", "extend", "level",
                         "lodge", "give", "pass", "adopt", "call", "lead", "step", "escalate", "continue",
                         "resume", "receive", "welcome", "have", "face", "see", "get", "push", "plan", "propose",
                         "reiterate", "renew", "repeat", "open", "deliver", "join"})
# Verbs whose direct object is the topic, never the partner ("met to discuss Afghanistan", "debated the
# Iran deal"): the partner comes with "with", or is the other of two coordinated doers.
TOPIC_VERBS = frozenset({"discuss", "debate"})
# Particles the small model parses as adverbs, with the verb's prepositional phrase under them
# ("pulled back from the border", "backed away from the deal").
ADVERB_PARTICLES = frozenset({"back", "away", "out", "off", "down", "aside", "ablaze", "alight"})
# Nouns of stated intention, threat or refusal whose infinitive is the act ("its readiness to resume
# talks with X"), and the verbs that state them ("expressed", "announced", "reaffirmed").
CHAIN_NOUNS = {"willingness": "intent", "readiness": "intent", "intention": "intent", "determination": "intent",
               "pledge": "intent", "promise": "intent", "plan": "intent",
               "threat": "threat", "refusal": "refuse"}
STANCE_VERBS = frozenset({"express", "voice", "announce", "reaffirm", "reiterate", "confirm", "declare", "signal",
                          "show", "indicate", "state", "renew", "repeat", "stress", "emphasize", "emphasise",
                          "underline", "make", "issue", "unveil", "outline", "demonstrate"})
# Prepositions of time and circumstance: their phrase says when or why, not what the act is.
CIRCUMSTANCE_PREPS = frozenset({"after", "before", "during", "despite", "amid", "amidst", "following", "since",
                                "until", "ahead", "because", "pending", "according"})
# What is filed or lodged against someone, often "with" a court or body: "against" names the one accused.
COMPLAINT_NOUNS = frozenset({"complaint", "lawsuit", "suit", "case", "charge", "protest", "petition", "grievance",
                             "claim", "appeal"})
# Verbs whose direct object is usually the thing handed over, not the receiver.
TRANSFER_VERBS = frozenset({"exchange", "swap", "send", "provide", "give", "supply", "deliver", "donate", "ship", "transfer",
                            "hand", "return", "sell", "export", "offer", "extend", "dispatch", "deploy", "grant",
                            "award", "allocate", "lend", "loan", "pledge", "extradite"})
# Auxiliaries of the future: "X will send aid" states what X is going to do.
FUTURE_AUX = frozenset({"will", "'ll", "shall"})
# Adjectives that make the clause under them a stated intention ("willing to", "ready to").
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "determined", "eager", "keen", "committed"})
# Nouns that name an undertaking rather than a party ("mediation efforts", "the peace process").
GENERIC_EVENT_HEADS = frozenset({"effort", "process", "initiative", "programme", "program", "measure", "move",
                                 "step", "campaign", "mission", "bid", "attempt", "operation", "work", "exercise",
                                 "drill", "maneuver", "manoeuvre", "wargame", "presence", "deployment", "buildup"})
# Fighting a problem or a kind of crime is no fight with anyone ("to fight the cholera outbreak in Haiti",
# "agreed to combat terrorism").
STRUGGLE_VERBS = frozenset({"fight", "combat", "battle", "tackle", "counter", "confront"})
AFFLICTION_NOUNS = frozenset({"epidemic", "pandemic", "disease", "virus", "outbreak", "infection", "ebola", "covid",
                              "coronavirus", "malaria", "cholera", "polio", "aids", "hiv", "cancer", "poverty",
                              "hunger", "famine", "malnutrition", "drought", "wildfire", "blaze", "flood", "flooding",
                              "inflation", "unemployment", "climate", "warming", "pollution", "desertification",
                              "locust", "illiteracy", "poaching", "piracy", "trafficking", "smuggling", "crime",
                              "cybercrime", "corruption", "terrorism", "extremism", "radicalism", "radicalisation",
                              "radicalization", "laundering", "fraud", "narcotic", "insecurity"})
# Heads that are no actor whatever country they are of: money and markets ("the Pakistani rupee fell against the
# dollar"), natural disasters ("an earthquake struck eastern Turkey"), sportspeople, entertainers and animals.
NON_ACTOR_HEADS = frozenset({"rupee", "dollar", "euro", "yuan", "renminbi", "yen", "pound", "sterling", "rouble",
                             "ruble", "lira", "peso", "rand", "naira", "shilling", "dinar", "riyal", "rial", "won",
                             "currency", "stock", "share", "bond", "index", "earthquake", "quake", "tremor",
                             "storm", "cyclone", "hurricane", "typhoon", "tornado", "flood", "flooding", "landslide",
                             "mudslide", "tsunami", "wildfire", "avalanche", "drought", "heatwave", "eruption",
                             "volcano", "footballer", "cricketer", "athlete", "sprinter", "boxer", "golfer", "swimmer",
                             "cyclist", "actress", "singer", "rapper", "musician", "comedian", "celebrity",
                             "shark", "crocodile", "alligator", "lion", "tiger", "leopard", "elephant", "hippo",
                             "hippopotamus", "bear", "wolf", "snake", "dog", "wave", "spell", "player"})
# Sports a team or a match is of: "the Indian cricket team", "beat Argentina 2-1 in the qualifier".
SPORTS = frozenset({"cricket", "football", "soccer", "rugby", "basketball", "hockey", "volleyball", "tennis",
                    "baseball", "handball", "olympic", "athletics", "chess", "polo", "netball", "badminton"})
ELECTION_NOUNS = frozenset({"election", "vote", "poll", "runoff", "run-off", "ballot", "primary", "referendum",
                            "race", "seat"})
SPORT_TEAMS = frozenset({"team", "squad", "side", "club", "eleven", "xi"})
SPORT_EVENTS = frozenset({"match", "semifinal", "quarterfinal", "qualifier", "tournament", "championship", "derby",
                          "innings", "wicket", "fixture", "playoff", "olympics", "cup", "final", "penalty",
                          "friendly", "title", "medal"})
# Verbs of taking something from someone: "seized the town from the rebels" is done to the rebels.
SEIZE_VERBS = frozenset({"seize", "capture", "recapture", "retake", "take", "wrest", "grab", "snatch", "liberate",
                         "confiscate"})
# Common nouns of places (which ACTOR_NOUNS_EXTRA lets stand as targets: "shelled the town").
PLACE_ACTOR_NOUNS = frozenset({"city", "town", "village", "camp", "base", "site", "position", "facility", "hospital",
                               "school"})
# Verbs that undo a measure ("the sanctions were lifted").
UNDO_VERBS = frozenset({"lift", "ease", "remove", "end", "scrap", "suspend", "cancel", "drop", "relax", "repeal",
                        "rescind", "revoke", "loosen", "waive", "withdraw"})
# Nouns that only count or bundle acts: "a new round of sanctions", "an aid package", "a tranche of aid".
CONTAINER_NOUNS = frozenset({"package", "round", "tranche", "batch", "series", "wave", "raft", "slew", "spate",
                             "shipment", "consignment", "installment", "instalment", "set", "volley", "barrage", "bill"})
# Verbs whose infinitival clause's subject is the one acted on ("allowed X to land", "forced X to leave").
OBJECT_CONTROL = frozenset({"allow", "permit", "let", "force", "compel", "help", "enable", "order", "authorize",
                            "authorise", "prevent", "ban", "bar", "forbid", "invite", "pressure", "oblige"})
# Things written or sent to someone: a participle hanging on them is the sender's ("a letter threatening ...").
MESSAGE_NOUNS = frozenset({"letter", "message", "note", "memo", "missive", "cable", "email", "e-mail", "telegram",
                           "communication", "communique", "communiqué"})
# Acts only a state carries out: with no "by" agent, a country named with "in"/"from" is the doer.
STATE_ACTS = frozenset({"arrest", "detain", "jail", "imprison", "expel", "deport", "extradite", "sentence", "execute",
                        "convict", "indict", "prosecute", "ban", "outlaw", "sanction", "pardon", "release", "free",
                        "exile", "banish", "hang", "charge", "try", "fine", "censor", "block", "bar"})
# Places and installations: targets of attacks, withdrawals and seizures, though not actors themselves.
PLACE_NOUNS = frozenset({"zone", "area", "region", "border", "territory", "district", "province", "county",
                         "neighbourhood", "neighborhood", "port", "airport", "mosque", "church", "temple",
                         "stronghold", "bastion", "enclave", "settlement", "checkpoint", "crossing", "compound",
                         "headquarters", "building", "home", "house", "market", "bridge", "refinery", "plant",
                         "reactor", "pipeline", "island", "coast", "outpost", "garrison", "airbase", "barracks",
                         "prison", "jail", "mine", "oilfield", "field", "road", "highway", "capital"})
CURRENCY_SIGNS = {"$": "dollar", "US$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
# Organs that act for the state that owns them ("Iran's army", "Kenya's government").
STATE_ORGANS = frozenset({"government", "army", "military", "ministry", "force", "navy", "police", "parliament",
                          "administration", "regime", "cabinet", "embassy"})
# Texts that say or do what their authors mean ("a bill that would sanction X").
TEXT_NOUNS = frozenset({"bill", "resolution", "law", "legislation", "motion", "decree", "amendment", "statement",
                        "report", "letter", "declaration", "communique", "communiqué", "order"})
# Titles whose "to X" names where the holder is posted, not a receiver ("the Chinese ambassador to Britain").
POSTED_TITLES = frozenset({"ambassador", "envoy", "representative", "delegate", "emissary", "consul", "attache",
                           "attaché", "charge", "chargé", "ambassador-designate"})
# Verbs of getting something: "the weapons X bought", "the aid X received".
ACQUIRE_VERBS = frozenset({"obtain", "receive", "get", "buy", "purchase", "import", "acquire"})
# Verbs of creating: the new thing they make is no receiver.
CREATE_VERBS = frozenset({"set", "create", "found", "form", "build", "establish", "open", "inaugurate", "launch"})
# Verbs of stopping: the gerund they take is the act stopped ("halted fighting", "stopped shelling").
CESSATION_VERBS = frozenset({"halt", "stop", "cease", "end", "suspend", "quit", "pause"})
# Verbs of imposing sanctions or restrictions: their "on" phrase is the one they fall on.
IMPOSE_VERBS = frozenset({"impose", "slap", "levy"})
# Verbs whose clause is an act the subject says did not happen.
DENIAL_VERBS = frozenset({"deny", "refute", "dispute"})
# "X said Y was responsible for / guilty of / behind Z": X accuses Y (the words that say who is to blame).
BLAME_ADJECTIVES = frozenset({"responsible", "guilty", "culpable", "liable", "complicit"})
BLAME_PREPS = frozenset({"behind"})
# What one can be "responsible for" or "behind" in the sense of blame (beside the lexicon's event nouns):
# not "responsible for security".
HARM_NOUNS = frozenset({"attack", "bombing", "blast", "explosion", "killing", "death", "murder", "assassination",
                        "abduction", "kidnapping", "shooting", "massacre", "violence", "crash", "fire", "war",
                        "assault", "crime", "abuse", "leak", "hack", "hacking", "poisoning", "downing",
                        "disappearance", "damage", "incident", "casualty", "atrocity", "raid", "strike",
                        "shelling", "unrest", "riot", "coup", "plot", "sabotage", "fraud", "corruption",
                        "cyberattack", "cyber-attack", "airstrike", "ambush", "hijacking", "arson",
                        "genocide", "torture", "outbreak", "spread", "destruction", "loss", "failure", "crisis"})
# Go-betweens: "a ceasefire brokered by X" makes X no partner of those who agree to it.
BROKER_VERBS = frozenset({"broker", "mediate", "facilitate", "sponsor", "host", "arrange", "guarantee", "negotiate"})
# Doers whose protest is a demonstration (141), not a government's complaint (11x).
CROWD_NOUNS = frozenset({"people", "protester", "protestor", "demonstrator", "student", "worker", "resident",
                         "villager", "activist", "crowd", "thousand", "hundred", "dozen", "farmer", "teacher",
                         "supporter", "citizen", "employee", "mob", "youth", "woman", "fan", "union", "striker",
                         "nurse", "doctor", "miner", "driver", "trader", "refugee", "migrant", "member"})
# "X said Y committed <wrongdoing>": X accuses Y.
PERPETRATE_VERBS = frozenset({"commit", "perpetrate"})
WRONGDOING_NOUNS = frozenset({"crime", "violation", "abuse", "atrocity", "genocide", "massacre", "offence",
                              "offense", "breach", "fraud", "murder", "torture", "act"})
# "X said Y violated <a rule or a deal>": X accuses Y.
BREAK_RULE_VERBS = frozenset({"violate", "breach", "flout", "contravene", "break"})
RULE_NOUNS = frozenset({"law", "ceasefire", "truce", "agreement", "accord", "deal", "treaty", "resolution",
                        "sovereignty", "right", "sanction", "embargo", "airspace", "convention", "norm", "rule",
                        "commitment", "obligation", "armistice", "protocol", "charter"})
# Amounts given "in aid", "in loans": the noun after "in" names the act.
MONEY_NOUNS = frozenset({"dollar", "euro", "pound", "yen", "yuan", "rupee", "million", "billion", "franc", "rouble",
                         "ruble", "riyal", "dirham", "shekel", "lira", "fund", "money", "sum", "amount", "tonne",
                         "ton"})
# Verb lemmas the small English model gets wrong ("staged" -> "stag", "fined" -> "fin").
LEMMA_FIXES = {"stag": "stage", "fin": "fine", "ax": "axe"}
# Bare counts that stand for a crowd as a subject ("thousands marched").
CROWD_COUNTS = frozenset({"thousand", "hundred", "dozen", "score", "ten"})
# Rank of an act or decision that a verb of judgement targets when nobody is named behind it.
JUDGED_RANK = 4
# Adjectives that state a stance toward someone, with the verb they are coded as.
ADJ_EVENTS = {"critical": ("criticize", ("of",)), "supportive": ("support", ("of",)),
              "opposed": ("oppose", ("to",)),
              # "said it was grateful to Kenya", "is pleased with X's reforms", "is disappointed with X"
              "grateful": ("thank", ("to",)), "thankful": ("thank", ("to",)),
              "pleased": ("praise", ("with", "by")), "satisfied": ("praise", ("with",)),
              "disappointed": ("criticize", ("with", "by", "in", "at")),
              "dissatisfied": ("criticize", ("with",)), "unhappy": ("criticize", ("with",)),
              "angry": ("criticize", ("at", "with", "over")), "furious": ("criticize", ("at", "with", "over")),
              "hostile": ("criticize", ("to", "toward", "towards")),
              "concerned": ("oppose", ("about", "over", "by", "at")), "worried": ("oppose", ("about", "over", "by")),
              "alarmed": ("oppose", ("by", "at", "over"))}
# Prepositions that place a harm ("the bombing in Kabul"), not name its victim.
HARM_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across"})
# Verbs that declare someone persona non grata (an expulsion: coded as "expel").
DECLARE_VERBS = frozenset({"declare", "deem", "pronounce"})
# Verbs of judgement: the owner of what is judged ("rejected Trump's plan") is the one judged.
JUDGE_VERBS = frozenset({"condemn", "criticize", "criticise", "denounce", "slam", "blast", "reject", "dismiss",
                         "decry", "deplore", "praise", "welcome", "hail", "commend", "oppose", "accept", "endorse",
                         "applaud", "lambast", "rebuke", "question", "challenge", "veto", "refuse", "protest"})
# Verbs of breaking an agreement, and the agreements broken: "renounced the treaty" rejects it (127), with
# the other party as target only when named ("the treaty with X"); unnamed, the treaty stands as the target.
BREAK_VERBS = frozenset({"renounce", "abrogate", "repudiate", "scrap", "cancel", "annul"})
AGREEMENT_NOUNS = frozenset({"agreement", "deal", "accord", "treaty", "pact", "convention", "protocol", "armistice",
                             "truce", "ceasefire"})
# Verbs whose object (a text, a resolution) was written by someone else.
NOT_AUTHOR_VERBS = JUDGE_VERBS | {"block", "boycott", "ignore", "deny", "dispute", "read", "see", "cite", "receive",
                                  "quote", "review", "study", "defeat"}
# Verbs that move one's own forces: their armed-force object is not the target.
DEPLOY_VERBS = frozenset({"mobilize", "mobilise", "deploy", "send", "dispatch", "place", "put", "station", "move",
                          "amass", "mass", "redeploy", "position"})
# Arriving somewhere is a visit (042) only for those who make visits.
VISIT_VERBS = frozenset({"arrive", "travel", "fly"})
NON_VISITORS = frozenset({"people", "refugee", "migrant", "asylum", "seeker", "civilian", "tourist", "worker",
                          "peacekeeper", "immigrant", "family", "child", "resident", "passenger", "pilgrim"})
# Speaking to the press is a public statement, not a meeting with the press.
PRESS_VERBS = frozenset({"speak", "talk", "tell", "brief", "address", "meet", "say"})
PRESS_NOUNS = frozenset({"reporter", "journalist", "press", "media", "correspondent", "newsman", "broadcaster",
                         "audience", "crowd", "supporter", "gathering", "rally", "conference"})
# Who reports news without being a party to it.
NEWS_REPORTERS = frozenset({"media", "newspaper", "paper", "daily", "agency", "television", "tv", "radio",
                            "broadcaster", "outlet", "website", "report", "reporter", "journalist",
                            "correspondent", "channel", "station", "press", "monitor", "observatory"})
# Verbs whose subject is on the receiving end of the event noun they take ("received aid from X").
RECEIVE_VERBS = frozenset({"receive", "get", "obtain", "secure", "win", "face", "draw", "attract", "incur"})
# People named by their relation to someone: "its allies", "his counterpart" are others, not the doer's own.
RELATION_NOUNS = frozenset({"counterpart", "counterparts", "ally", "allies", "partner", "neighbour", "neighbor",
                            "friend", "rival", "enemy", "adversary", "foe"})
# Verbs whose object's infinitive is not yet done: ordered, invited or allowed of someone else.
NOT_YET_VERBS = frozenset({"order", "invite", "instruct", "direct", "command", "allow", "permit", "authorize",
                           "authorise"})
# Verbs of answering an act, whose "by <gerund>" names what was done ("retaliated by expelling diplomats").
RESPONSE_VERBS = frozenset({"retaliate", "respond", "react", "reply", "hit"})
# Verbs of taking up what another offers: with a noun of giving, its "from" phrase is the giver.
ACCEPT_VERBS = frozenset({"approve", "accept", "take", "welcome"})
# Where or how words are put out ("on social media", "in a television interview"): no receiver.
CHANNEL_NOUNS = ("media", "medium", "television", "tv", "radio", "twitter", "facebook", "telegram", "instagram", "youtube",
                 "website", "platform", "channel", "broadcast", "interview", "podcast", "tweet", "x")
# Terms an act is done under ("under a ceasefire deal"): no receiver, no cue.
TERMS_NOUNS = tuple(AGREEMENT_NOUNS | {"plan", "arrangement", "term", "framework", "scheme", "programme", "program",
                                        "initiative", "mandate", "resolution", "law", "rule"})
# Heads of the names of official bodies, which may hold an "and" ("the Ethics and Anti-Corruption Commission").
BODY_HEADS = frozenset({"commission", "committee", "council", "ministry", "authority", "agency", "bureau", "board",
                        "office", "department", "court", "tribunal", "institute", "directorate", "secretariat"})
# Acts an organisation does to its own people ("expelled its youth leader"): they are receivers, not its own hands.
DISCIPLINE_VERBS = frozenset({"expel", "sack", "fire", "dismiss", "suspend", "discipline", "reprimand", "warn",
                              "punish", "arrest", "detain", "oust", "demote", "censure", "rebuke", "purge", "execute",
                              "jail", "sentence", "prosecute", "investigate", "criticise", "criticize", "condemn"})
# Verbs of saying something about someone ("..., accusing X of ..."): a participle of one belongs to the speaker.
SAYING_VERBS = JUDGE_VERBS | {"accuse", "blame", "call", "urge", "warn", "describe", "claim", "insist", "brand",
                              "label", "dub", "demand", "charge", "allege"}
# Nouns whose "that" clause is said or feared, not shown to have happened ("reports that X is arming Y").
HEARSAY_NOUNS = frozenset({"report", "allegation", "claim", "rumour", "rumor", "speculation", "suspicion", "fear",
                           "possibility", "prospect", "suggestion", "accusation", "assertion"})
# Goods that can be received from someone who gave them ("received Patriot missiles from Washington").
GIVEN_GOODS = frozenset({"aid", "assistance", "loan", "grant", "money", "fund", "funding", "cash", "million", "billion",
                         "dollar", "euro", "weapon", "arm", "missile", "rocket", "drone", "tank", "jet", "aircraft",
                         "helicopter", "ammunition", "munition", "shell", "equipment", "system", "fuel", "food",
                         "medicine", "vaccine", "dose", "supply", "grain", "wheat"})
# Event nouns for something given: their "from" phrase is the giver.
GIVING_NOUNS = frozenset({"aid", "assistance", "support", "loan", "donation", "help", "funding", "grant", "backing",
                          "investment", "asylum", "arm", "weapon", "delivery", "shipment", "sale", "supply", "transfer"})
# Event nouns of backing someone: with a verb of receiving, their "of" phrase is the giver ("won the
# endorsement of X" is X's endorsement).
BACKING_NOUNS = frozenset({"endorsement", "support", "backing", "blessing"})
# A stance its owner holds towards someone ("Washington's commitment to Israel's security").
OWN_STANCE_NOUNS = BACKING_NOUNS | {"commitment", "solidarity", "loyalty", "friendship", "readiness", "willingness"}
# Clauses that describe a noun rather than extend the event: the deep target search does not enter them.
DEEP_SKIP = frozenset({"relcl"})
# Personal pronouns that can stand for an actor named earlier, and what they can stand for:
# p = one person, n = one non-person (country, organisation), pl = several / a collective.
PERSONAL = {"he": "p", "him": "p", "she": "p", "her": "p", "it": "n", "they": "pl", "them": "pl"}
# possessive pronouns and the kind of antecedent each takes (as in ``PERSONAL``)
POSSESSIVE_KIND = {"its": "n", "their": "pl", "his": "p", "her": "p"}
PERSON_NOUNS = frozenset({"president", "minister", "leader", "official", "spokesman", "spokeswoman", "spokesperson",
                          "diplomat", "ambassador", "envoy", "king", "prince", "queen", "premier", "chancellor",
                          "mayor", "governor", "general", "commander", "chief", "head", "secretary", "judge",
                          "chairman", "chairwoman", "chairperson",
                          "senator", "lawmaker", "prosecutor", "lawyer", "man", "woman", "activist", "journalist",
                          "counterpart", "candidate", "opposition leader", "cleric", "emir", "sultan", "pope",
                          # one person named by a common noun ("convicted a militant ... and sentenced him")
                          "militant", "rebel", "insurgent", "fighter", "soldier", "officer", "suspect", "prisoner",
                          "detainee", "hostage", "dissident", "blogger", "defendant", "convict", "spy", "agent",
                          "businessman", "businesswoman", "citizen", "national", "student", "teacher", "doctor",
                          "priest", "monk", "imam", "bishop", "writer", "attacker", "gunman", "bomber",
                          "policeman", "reporter", "editor", "professor", "pilot", "rapporteur"})
ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "dative", "ROOT", "attr"})
QUANTITY_NOUNS = frozenset({"dozen", "hundred", "thousand", "million", "number", "some", "many", "scores", "score",
                            "group", "couple", "few", "several", "all", "most", "one", "two", "three", "four", "five"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "advmod", "npadvmod", "poss", "case"})
