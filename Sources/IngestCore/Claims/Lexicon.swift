/// The word lists, compiled once into one hash → class table.
final class Lexicon: Sendable {
    static let shared = Lexicon()

    private let table: LexiconTable
    /// British spellings that no suffix rule covers, mapped to the American form (as scalars).
    let spelling: [UInt64: [UInt32]]
    /// Nouns naming what someone said or holds, whose possessor is the source: `the agency's finding that`.
    let claimNouns: Set<UInt64>
    /// Those of them that take an intention: `his promise to`, `the union's call to`.
    let intentNouns: Set<UInt64>

    @inline(__always)
    func lookup(_ hash: UInt64) -> WordClass { table.lookup(hash) }

    private init() {
        var table: [UInt64: WordClass] = [:]
        func add(_ words: String, _ cls: WordClass) {
            for word in words.split(separator: " ") {
                table[WordHash.of(String(word)), default: []].formUnion(cls)
            }
        }
        add(
            """
            said says say told tells tell added adds stated states declared declares announced announces noted \
            notes wrote writes reported reports explained explains warned warns claimed claims argued argues \
            insisted insists acknowledged acknowledges admitted admits confirmed confirms suggested suggests asked \
            asks replied replies responded responds recalled recalls stressed stresses emphasized emphasised \
            emphasizes emphasises observed observes remarked remarks commented comments tweeted tweets posted \
            predicted predicts estimated estimates contended contends maintained maintains conceded concedes \
            alleged alleges vowed vows pledged pledges promised promises urged urges testified disclosed \
            revealed reveals indicated indicates countered counters boasted complained complains cautioned \
            cautions signaled signalled signals hinted hints asserted asserts charged charges concluded \
            concludes agreed agree agrees acknowledge explain explain insist insist claim claims warn argue \
            declare announce predict estimate suggest note recall stress emphasize emphasise admit confirm \
            reiterated reiterates echoed wondered added chanted chants shouted shouts yelled yells exclaimed
            """,
            .speech
        )
        add(
            """
            found finds show shows showed shown believe believes believed think thinks thought hope hopes hoped \
            fear fears feared know knows knew expect expects expected worry worries worried realize realized \
            realised understand understands understood indicate feel feels felt assume assumes assumed \
            suspect suspects suspected contend hold holds held learned learnt hoping believing thinking \
            fearing expecting worrying suspecting
            """,
            .thatOnly
        )
        add(
            """
            saying adding noting arguing claiming warning insisting explaining stressing telling writing \
            declaring asserting suggesting acknowledging emphasizing emphasising stating announcing \
            predicting recalling conceding alleging urging vowing promising pledging calling citing accusing \
            blaming describing criticizing criticising
            """,
            .participle
        )
        add(
            """
            update updated clarification correction note editor related watch read photo photos video videos \
            warning breaking exclusive analysis opinion live here sources source transcript caption credit \
            subscribe advertisement contact email share click see more also
            """,
            .notLabel
        )
        add("called calls dubbed described describes labeled labelled branded", .needsQuote)
        add(
            """
            want wants wanted plan plans planned planning vow vows vowed vowing promise promises promised \
            promising pledge pledges pledged pledging agree agrees agreed refuse refuses refused refusing decline \
            declines declined threaten threatens threatened decide decides decided intend intends intended hope \
            hopes hoped expect expects aim aims aimed seek seeks sought offer offers offered urge urges urged \
            urging prefer prefers preferred warned warns warn told tells asked asks ordered orders encouraged \
            encourages instructed directed challenged invited hoping expecting intending seeking aiming \
            wanting threatening refusing deciding
            """,
            .intent
        )
        add(
            """
            promise promises promised promising propose proposes proposed proposing demand demands demanded \
            demanding endorse endorses endorsed support supports supported oppose opposes opposed criticize \
            criticizes criticized criticise criticised criticising criticizing praise praises praised condemn \
            condemns condemned blasted blasts slammed slams attacked attacks accused accuses questioned \
            questions dismissed dismisses defended defends mentioned mentions welcomed welcomes applauded \
            denounced denounces touted touts unveiled unveils backed backs favors favours favored want wants wanted \
            cited cites accuse accused accuses likened likens compared expressed expresses lauded hailed mocked \
            ridiculed lambasted decried deplored blamed blames faulted rebuked chided derided assailed disparaged \
            questioning defending defend describing promote promotes promoted promoting detailed details detailing \
            referenced references referencing proposing endorsing supporting opposing attacking praising \
            condemning slamming blasting touting unveiling mentioning welcoming citing mocking blaming \
            highlighted highlights highlighting reaffirmed reaffirms
            """,
            .objectCue
        )
        // Verbs of expressing, evaluating and publishing a view: their object is what the subject holds or said.
        // Forms that are also plural nouns (`advocates`, `voices`, `thanks`) are left out: `Housing advocates say`.
        add(
            """
            articulated articulates championed characterized characterizes characterised complimented \
            thanked proclaimed proclaims retweeted retweets admired admires embraced embraces \
            celebrated celebrates commended commends congratulated congratulates scolded scolds insulted \
            berated berates belittled belittles recommended recommends advocated invoked invokes \
            summarized summarizes summarised outlined recounted relayed conveyed conveys \
            voiced regarded lamented bemoaned bemoans \
            pooh-poohed trumpeted heralded extolled extols decrying decries acclaimed \
            castigated castigates excoriated excoriates vilified vilifies assailed assails \
            disavowed disavows repudiated repudiates renounced renounces
            """,
            .objectCue
        )
        // Attitudes held towards a proposition (`that`), a topic (`about`, `of`) or an intention (`to`).
        add(
            """
            afraid confident convinced certain sure unsure uncertain skeptical sceptical doubtful hopeful \
            optimistic pessimistic worried concerned fearful aware adamant insistent persuaded satisfied \
            frustrated angry upset disappointed incensed outraged furious alarmed troubled dismayed \
            determined eager willing unwilling reluctant intent critical supportive wary suspicious \
            opposed committed
            """,
            .attitude
        )
        add("call calls called calling", .callVerb)
        add("show shows showed shown found finds", .evidenceVerb)
        add("say says said", .headlineCue)
        add("continued continues", .colonCue)
        add("poll polls survey surveys study studies report reports analysis audit", .findingDocument)
        add("local lodge chapter branch district unit station ward precinct battalion squadron", .numberedUnit)
        add(
            """
            spoke speaks speak speaking talked talks talk talking complained complains complaining warned warns \
            warning asked asks asking wrote writes writing commented comments testified worried worries joked \
            bragged boasted raised cautioned lectured ranted railed argued
            """,
            .topicVerb
        )
        add("deny denies denied denying reject rejects rejected dismissed dismisses disputed disputes refuted", .denial)
        add("told tells tell telling assured assures informed informs reminded reminds warned warns", .takesObject)
        add("read reads", .readCue)
        add("quoted quotes quote cited cites reported", .passiveVerb)
        add(
            """
            has have had was were is are will would did does do may might could can should been be also later \
            previously then recently repeatedly earlier already further publicly privately reportedly once again \
            still not never just only first subsequently separately similarly frequently often initially now \
            originally quickly immediately flatly strongly angrily simply openly
            """,
            .aux
        )
        add("not never n't no", .negation)
        add(
            """
            the a an this that these those its his her their our your another one some many several two three \
            four five both all most other each every any such few
            """,
            .determiner
        )
        add("he him himself", .pronounMale)
        add("she herself", .pronounFemale)
        add("they them themselves", .pronounPlural)
        add("it itself", .pronounIt)
        add("i we me us i've i'm i'd i'll we've we're we'd we'll", .pronounFirst)
        add("who which whom", .relative)
        add(
            """
            and but or nor while as because although though since when if after before so yet whereas that what \
            where whether how why than until unless whose whom
            """,
            .conjunction
        )
        add(
            """
            of for at from in on with by to about into over under after before during via across against \
            between among through within without near like per toward towards upon amid despite including
            """,
            .preposition
        )
        add(
            """
            mr mrs ms miss dr president minister prime secretary spokesman spokeswoman spokesperson \
            spokespeople senator sen rep gov governor gen general lt col adm sgt capt chief director chairman \
            chairwoman chair leader ambassador envoy mayor judge justice king queen prince princess pope rev \
            professor prof ceo commissioner attorney representative congressman congresswoman deputy vice \
            official analyst researcher economist expert member head officer commander candidate nominee \
            speaker adviser advisor aide strategist pollster lawyer founder executive manager editor \
            correspondent reporter premier chancellor \
            undersecretary diplomat colonel major captain sergeant lieutenant admiral marshal \
            administrator fellow scholar associate assistant counsel treasurer sheriff prosecutor inspector \
            coordinator commentator columnist host anchor activist organizer director-general \
            secretary-general spokesmen lawmaker chairperson physician doctor surgeon \
            nurse teacher student pastor bishop cardinal imam rabbi father sister brother daughter son wife \
            husband mother founder co-founder partner owner councillor councilor councilman councilwoman \
            alderman trustee superintendent cpl corporal cst const constable det detective insp supt pte pfc \
            spc brig msgr fr atty agent
            """,
            .title
        )
        // Members of parliaments and legislatures, and occupations, before a name: `Liberal MP Jane Roe`,
        // `accountant John Roe`.
        add(
            """
            mp mpp mla mna mha accountant architect designer choreographer artist author writer novelist \
            retiree entrepreneur farmer engineer scientist historian economist musician singer dancer \
            golfer player athlete skater skier curler goalie
            """,
            .title
        )
        // Studios and galleries are businesses, not people (`Studio Roe`); words that end a firm's name
        // (`Suncor Energy`); organisations in the plural (`Rights organizations said`).
        add(
            """
            studio studios gallery organizations organisations groups unions charities agencies companies firms
            """,
            .orgWord
        )
        add(
            """
            energy resources holdings systems technologies pharmaceuticals industries airlines motors \
            electronics communications telecom networks laboratories
            """,
            [.companyNoun, .orgWord]
        )
        add("mr mister sir lord", .honorificMale)
        add("mrs ms miss madam dame lady", .honorificFemale)
        add(
            """
            analyst analysts official officials source sources expert experts people critics researchers \
            researcher diplomats diplomat observers residents witnesses witness protesters police authorities \
            lawmakers voters democrats republicans supporters opponents economists scientists scientist \
            investigators investigator prosecutors officers soldiers troops leaders activists advocates \
            spokesman spokeswoman spokesperson aides aide advisers advisers adviser advisor observer \
            commentators pollsters doctors doctor lawyer lawyers attorneys attorney employees workers \
            residents citizens students parents members member americans europeans russians chinese koreans \
            executives insiders operative operatives sponsors organizers campaigners someone others \
            person man woman men women staff staffers allies rivals voters participants respondents \
            ministers minister president governor senator mayor governments leader officer engineer engineers \
            coach coaches teacher teachers nurse nurses farmer farmers owner owners manager managers founder \
            founders organizers
            """,
            .sourceNoun
        )
        add(
            """
            analysts officials sources experts people critics researchers diplomats observers residents witnesses \
            protesters police authorities lawmakers voters democrats republicans supporters opponents economists \
            scientists investigators prosecutors officers soldiers troops leaders activists advocates aides \
            advisers observers commentators pollsters doctors lawyers attorneys employees workers citizens \
            students parents members americans europeans russians koreans executives insiders operatives \
            organizers campaigners others men women staff staffers allies rivals participants respondents \
            ministers governments media
            """,
            .pluralNoun
        )
        add(
            """
            ministry department house government kremlin pentagon campaign committee council party commission \
            office administration court congress senate parliament army military navy bank fund university \
            institute center centre foundation company corp inc corporation group union association \
            organization organisation agency bureau service board authority embassy regime cabinet endowment \
            forces command coalition alliance nato u.n. eu imf fbi cia nsa who opec secretariat mission \
            assembly legislature police court tribunal club federation league institution firm ministries \
            delegation consulate departments agencies
            """,
            .orgWord
        )
        add(
            """
            company firm corporation business retailer carrier insurer lender manufacturer automaker railway \
            railroad airline miner producer developer utility startup corp inc ltd llc plc co maker makers
            """,
            [.companyNoun, .orgWord]
        )
        add(
            """
            media news newspaper newspapers paper daily television tv radio broadcaster outlet outlets channel \
            website magazine journal times post tribune herald gazette press wire network
            """,
            .mediaWord
        )
        add(
            """
            reuters ap afp kcna yonhap ria tass xinhua interfax cnn bbc nbc abc cbs fox msnbc npr bloomberg \
            politifact breitbart axios politico nhk kyodo ifax sputnik rt al-jazeera aljazeera dpa ansa efe \
            pti ani upi wsj nyt huffpost
            """,
            .mediaName
        )
        add(
            """
            letter letters statement statements report reports document documents memo memos message messages \
            study studies survey surveys poll polls ad ads advertisement transcript ruling decree resolution \
            communique editorial article tweet email e-mail filing complaint lawsuit book website analysis \
            data figures records post note notes release declaration proposal plan bill order indictment \
            affidavit testimony video footage image images cable dispatch bulletin commentary chart charts graph \
            graphs slide slides average averages research findings tally
            """,
            .documentWord
        )
        add(
            """
            korea russia china u.s. usa america ukraine japan britain uk u.k france germany iran israel india \
            pakistan syria iraq afghanistan turkey egypt mexico canada brazil italy spain poland taiwan vietnam \
            pyongyang moscow beijing washington seoul tokyo kyiv kiev london paris berlin kremlin europe asia \
            africa gaza belarus georgia cuba venezuela australia dprk prc rok crimea donbas tehran \
            jerusalem brussels geneva new york california texas florida virginia ohio \
            pennsylvania michigan toronto ottawa montreal vancouver calgary edmonton winnipeg halifax ontario \
            quebec alberta manitoba saskatchewan chicago boston atlanta seattle detroit
            """,
            .place
        )
        add(
            """
            russian chinese korean north south east west american ukrainian japanese british french german \
            soviet communist iranian israeli indian syrian european asian western eastern northern southern \
            democratic republican u.s.-based federal national international global central state canadian \
            australian mexican brazilian italian spanish polish turkish egyptian pakistani iraqi saudi cuban \
            venezuelan dutch swedish norwegian danish finnish swiss austrian belgian nigerian vietnamese
            """,
            .nationality
        )
        add("monday tuesday wednesday thursday friday saturday sunday", .day)
        add(
            """
            january february march april may june july august september october november december jan feb mar \
            apr jun jul aug sep sept oct nov dec
            """,
            .month
        )
        add(
            """
            today yesterday tonight tomorrow week weeks month months year years morning afternoon evening night \
            weekend last this earlier later recently previously overnight
            """,
            .timeWord
        )
        add(
            """
            john james robert michael william david richard joseph thomas charles christopher daniel matthew \
            anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason \
            jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel \
            gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas \
            zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean \
            austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan \
            juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny dave mike bill \
            tom jim bob steve chris dan tony ben ted barack bernie mitt rudy newt vladimir sergei sergey dmitry \
            dmitri alexei alexey artyom ivan igor yuri mikhail nikolai boris viktor andrei oleg pavel \
            volodymyr vedant ankit rahul amit narendra stephane emmanuel francois jean pierre olaf angela \
            xi li wang moon yoon shinzo fumio antonio jens ban ned jake lloyd antony rex mike marco ted \
            lindsey mitch chuck harry elon jeff marc rishi boris keir justin recep benjamin bibi hassan \
            mohammed muhammad ahmed ali omar abdullah hamid yasser kofi nelson jacques gerhard helmut \
            tim kim-jong jong-un chad greg brett rand reince sean corey kellyanne jake luke liam owen evan \
            ian neil graham colin craig glenn glen howard stanley leonard martin norman leon curtis derek \
            dustin travis shane troy wade dale darren dean doug fred frederick gordon hugh lee murray \
            nathan neil ray rob robbie ron ronnie stuart tony trevor vince warren wes will wilson cody \
            blake brad brendan bradley bryce caleb cameron casey cole connor dominic drew garrett gavin grant \
            hunter isaac ivan jared jay joel jon jonah julian keith kirk lance levi marcus mario mason max \
            miles mitchell nolan oliver omar oscar parker perry phil phillip pierre quentin randall reid rex \
            rick ricky rod rodney ross russ sam seth simon spencer stan stephane terrence theodore toby todd \
            tyson victor vincent wayne xavier zach andre andres carlos diego fernando javier jorge luis manuel \
            miguel pablo pedro rafael ricardo hector abdul ahmad hassan karim khalid mahmoud mustafa tariq \
            yusuf ravi raj sanjay sunil vijay arjun hiroshi kenji takeshi wei jian ming hao matteo luca marco \
            giovanni hans klaus jurgen lars sven nils anders mikael erik jens bjorn dmitri andrzej piotr \
            tomasz pavel jan jakub lukas jeremy justin jeffrey jerome jim jimmy joey johnny mitch nick niall \
            patrick richard robert ryan shawn tom andrew mike dave bill chuck jagmeet bruce
            """,
            .firstNameMale
        )
        add(
            """
            mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret \
            sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca \
            laura sharon cynthia kathleen amy shirley angela helen anna brenda pamela nicole samantha katherine \
            emma ruth christine catherine debra rachel carolyn janet virginia maria heather diane julie joyce \
            victoria kelly christina joan evelyn lauren judith olivia frances martha cheryl megan andrea hannah \
            jacqueline ann jean alice kathryn gloria teresa doris sara janice julia marie madison grace judy \
            theresa beverly denise marilyn amber danielle abigail brittany rose diana natalie sophia alexis \
            lori kayla jane hillary melania ivanka chelsea michelle kamala nikki sarah elizabeth nancy \
            condoleezza madeleine theresa angela ursula kaja jacinda marine giorgia tsai park yulia natalia \
            maria svetlana olga irina tatiana elena ekaterina valentina liz jill kellyanne huma donna loretta \
            debbie jennifer melanie hope dana katie megyn wendy sue susan carol cathy kathy kate katy \
            claire clare fiona gillian heidi holly ingrid irene iris jackie jan jenna jenny jessie jill \
            joanne jo josephine judy june karen kari karina kathleen kay kristen kristin kristina leah \
            lena leslie lily linda lorraine louise lucy lynn mandy marcia margaret marian marilyn marjorie \
            martha maureen meghan melinda meredith miranda molly monica nadia naomi nora paula pauline \
            peggy penny phyllis priya rachel rebecca regina rita roberta robin rosa rosemary roxanne ruby \
            sally sandra shannon sheila shelley sherry sonia sophie stacy stella tanya tara tina tracy \
            valerie vanessa vera veronica vicki viola wanda yvonne zoe jody marie ann anne annie \
            bonnie brenda caroline cecilia charlotte chloe cindy colleen daphne darlene dawn deanna delia \
            eileen elaine eleanor ella ellen eva faith felicia gail gina greta harriet hazel isabel isabella \
            jeannette joy justine kara laurie lois lydia mabel madeline marcy mia michele \
            nina patty rhonda sabrina selena sharon simone tatiana theresa tiffany ursula yolanda \
            fatima aisha layla leila mariam yasmin priyanka sunita anjali mei ling yuki sakura keiko \
            ingrid astrid sigrid annika freya agnieszka katarzyna magdalena ewa
            """,
            .firstNameFemale
        )
        add(
            """
            the a an of to in on for and or but is are was were be been being by with at from as that this \
            these those it its their his her he she they we i you our your there here which who whom whose \
            what when where why how than then so such also just very too more most some any all each both \
            other into over about after before during while if only own same can could will would \
            shall should may might must do does did done has have had having said says say told tells added \
            according per via upon onto out up down off again further once s t just don now n't
            """,
            .stopword
        )
        add(
            """
            first second third fourth fifth last largest biggest highest lowest longest shortest oldest newest \
            greatest smallest worst best most least only record unprecedented ever never latest deadliest \
            strongest fastest richest poorest top
            """,
            .superlative
        )
        add(
            """
            one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds \
            thousand thousands million millions billion billions trillion percent per cent half quarter
            """,
            .quantity
        )
        add(
            """
            may might could would should likely unlikely possibly perhaps probably seems seem seemed appear \
            appears appeared considered believed thought apparently reportedly allegedly suggests suggest \
            potential potentially
            """,
            .hedge
        )
        add(
            """
            square street road avenue river mountain mountains island islands bay sea ocean province city county \
            district region airport station bridge park hall palace peninsula strait valley lake
            """,
            .placeSuffix
        )
        add(
            """
            mr mrs ms dr gen lt col sgt capt maj adm cmdr sen rep gov st jr sr prof rev hon pres inc corp co ltd \
            no vol vs etc jan feb mar apr jun jul aug sep sept oct nov dec ft mt gen. approx dept est fig cpl \
            cst const det insp supt pte pfc spc brig msgr fr atty
            """,
            .abbreviation
        )
        add("bin al de del la le van von da di du dos das ibn el", .nameParticle)
        add("according per", .according)
        add("of for at from", .attachPreposition)
        add("one two three four five six seven eight nine ten", .numberWord)
        add(
            """
            claims comments remarks notes reports states estimates charges promises pledges vows quotes tweets posts \
            reads calls concerns counters signals hints hopes fears thoughts feels holds finds shows
            """,
            .nounVerb
        )
        add(
            """
            said says say told tells added adds noted wrote writes stated declared announced argued argues explained \
            warned insisted insists claimed acknowledged admitted confirmed replied responded recalled stressed \
            emphasized emphasised tweeted predicted contended conceded reiterated
            """,
            .strongSpeech
        )
        add(
            """
            is are was were be been has have had do does did gave give gives made make makes went go goes \
            came come comes took take takes met meets meet showed shows visited visits arrived held holds \
            accompanied marks marked provided provides thanked backed shipped struggles seeks called calls \
            led leads became become becomes won wins lost loses got gets saw sees used uses
            """,
            .verb
        )
        add("as", .asWord)
        add(
            """
            the a an but and in on at for of to from with by as if while when after before during this that \
            these those it its his her their our we i you he she they there here victory day war world \
            monday tuesday wednesday thursday friday saturday sunday january february march april may june \
            july august september october november december later earlier meanwhile overall state media \
            security council party communist cold western eastern northern southern north south east west \
            russian chinese korean american soviet leader minister president defence defense foreign \
            national international united nations special military operation last next given unlike despite \
            unless
            """,
            .notName
        )
        add(
            """
            referring calling citing speaking describing pointing urging adding according noting while \
            amid following
            """,
            .trailingParticiple
        )
        var spellings: [UInt64: [UInt32]] = [:]
        let pairs = """
            defence:defense offence:offense licence:license pretence:pretense programme:program \
            programmes:programs centre:center centres:centers theatre:theater theatres:theaters metre:meter \
            metres:meters litre:liter fibre:fiber calibre:caliber sabre:saber spectre:specter sombre:somber \
            meagre:meager manoeuvre:maneuver manoeuvres:maneuvers catalogue:catalog analogue:analog \
            dialogue:dialog travelled:traveled travelling:traveling traveller:traveler travellers:travelers \
            cancelled:canceled cancelling:canceling labelled:labeled labelling:labeling modelled:modeled \
            modelling:modeling fuelled:fueled fuelling:fueling counselled:counseled counselling:counseling \
            counsellor:counselor signalled:signaled signalling:signaling totalled:totaled levelled:leveled \
            channelled:channeled marshalled:marshaled jewellery:jewelry woollen:woolen dialled:dialed \
            unravelled:unraveled quarrelled:quarreled equalled:equaled rivalled:rivaled tunnelled:tunneled \
            panelled:paneled pencilled:penciled marvelled:marveled marvellous:marvelous enrolment:enrollment \
            fulfil:fulfill fulfilment:fulfillment instalment:installment skilful:skillful wilful:willful \
            grey:gray tyre:tire tyres:tires kerb:curb cheque:check plough:plow mould:mold sceptical:skeptical \
            sceptic:skeptic aluminium:aluminum ageing:aging judgement:judgment acknowledgement:acknowledgment \
            towards:toward amongst:among whilst:while learnt:learned spelt:spelled burnt:burned dreamt:dreamed \
            paediatric:pediatric anaemia:anemia haemorrhage:hemorrhage oestrogen:estrogen foetus:fetus \
            encyclopaedia:encyclopedia orthopaedic:orthopedic leukaemia:leukemia diarrhoea:diarrhea \
            storey:story pyjamas:pajamas draught:draft gaol:jail moustache:mustache artefact:artifact \
            cosy:cozy practise:practice practised:practiced defences:defenses offences:offenses \
            licences:licenses neighbouring:neighboring
            """
        for pair in pairs.split(separator: " ") {
            let parts = pair.split(separator: ":")
            table[WordHash.of(String(parts[0])), default: []].insert(.britishSpelling)
            spellings[WordHash.of(String(parts[0]))] = parts[1].unicodeScalars.map(\.value)
        }
        spelling = spellings
        func hashes(_ words: String) -> Set<UInt64> {
            Set(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { WordHash.of(String($0)) })
        }
        intentNouns = hashes("promise pledge vow threat call demand plan decision refusal intention offer bid")
        claimNouns = intentNouns.union(
            hashes(
                """
                claim claims assertion assertions argument contention insistence belief beliefs view views warning \
                warnings suggestion allegation allegations charge accusation accusations finding findings \
                conclusion conclusions prediction predictions statement remark comment admission denial hope \
                hopes fear fears concern concerns position opinion notion idea proposal argument arguments \
                assessment estimate judgment judgement verdict ruling complaint insinuation theory \
                acknowledgment acknowledgement announcement boast suspicion doubts
                """
            )
        )
        for (words, classes) in Lexicon.stanceWords { add(words, classes) }
        self.table = LexiconTable(table)
    }
}
