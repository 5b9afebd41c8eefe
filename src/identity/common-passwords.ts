/**
 * What a password must not be "just" (R12+): common passwords and keyboard
 * runs, everyday English and Swedish words, names, places and teams. Written
 * for mona, not copied from a leaked list. Lower case, three letters or more;
 * a word with å, ä, ö or another accent is also added without it, since people
 * type both.
 */

// Common passwords, keyboard runs and what people reach for first.
const PASSWORDS = `
password passwords passwort passwd passw pass passe passord passwor pasword paswoord wachtwoord motdepasse
contrasena senha salasana adgangskode letmein welcome welcomeback admin administrator administrador admins
root toor superuser sysadmin user users username guest guests login logon logout signin master masterkey
mastermind monkey monkeys dragon dragons shadow shadows sunshine princess prince football footballs baseball
soccer hockey basketball volleyball tennis golf cricket rugby handball superman superwoman batman spiderman
ironman wolverine hulk thor avengers starwars startrek trustno trustnoone whatever freedom hello hellothere
helloworld charlie donald michael jordan jennifer hunter ranger buster tigger pepper ginger cookie cookies
summer winter autumn spring secret secrets changeme changeit default test testing tester testtest access
accessdenied computer internet killer iloveyou loveyou iloveu lovely lover loving babygirl babyboy baby
angel angels jesus christ heaven blessed blessing flower flowers butterfly rainbow purple orange yellow
silver golden diamond diamonds crystal pokemon pikachu naruto minecraft fortnite roblox matrix zelda mario
luigi sonic nintendo playstation xbox gamer gaming google facebook linkedin instagram twitter microsoft
windows apple iphone android samsung nokia ericsson volvo saab scania ikea spotify netflix youtube amazon
yahoo hotmail gmail outlook mustang harley corvette ferrari porsche mercedes yamaha suzuki honda toyota
nissan mazda bmw audi volkswagen tesla chevrolet cadillac jaguar lamborghini bugatti maserati camaro qwerty
asdfgh zxcvbn letitbe letmeinnow opensesame open sesame abracadabra alakazam hocuspocus magic magician
wizard merlin gandalf frodo hobbit legolas aragorn sauron mordor voldemort hogwarts harrypotter potter
hermione dumbledore snape jedi yoda vader skywalker chewbacca word passpass qwertyuiop qwertyui azertyuiop
letme dragonfly phoenix tiger tigers lion lions eagle eagles falcon falcons panther panthers wolf wolves
bear bears shark sharks dolphin dolphins cobra viper python scorpion spider raven crow hawk thunder
lightning storm tornado hurricane blizzard cyclone typhoon volcano earthquake tsunami inferno firebird fire
ice water earth wind air slayer destroyer terminator predator gladiator warrior warriors soldier sniper
ninja samurai shogun viking vikings pirate pirates knight knights king queen kingdom empire emperor lord
lady duke duchess baron sir madam mister miss missy mommy mummy mother father daddy papa mama sister brother
family friend friends friendship bestfriend forever always never nothing something everything anything
nobody somebody everybody anybody myself yourself himself herself ourselves themselves itself whoever
whichever whenever wherever however fuckyou fuckoff shit bitch asshole bastard damn hell sucker loser winner
champion champions legend legends hero heroes superstar rockstar star stars sun moon sky cloud clouds ocean
sea river lake mountain mountains forest jungle desert island paradise sunset sunrise midnight morning
evening night nights tonight today tomorrow yesterday weekend holiday holidays vacation christmas easter
halloween thanksgiving valentine valentines birthday happy happiness smile smiley funny joker clown batgirl
catwoman robin riddler penguin bane gotham chocolate candy sugar honey sweet sweety sweetie sweetheart
darling cutie cute pretty beautiful gorgeous sexy hottie lovebug teddy teddybear bubbles bubble snoopy
garfield scooby scoobydoo mickey minnie donaldduck goofy pluto bambi simba nemo dory elsa anna olaf frozen
shrek barbie kitty hellokitty kitten kittens puppy puppies doggie doggy puppylove lucky charm bandit rocket
racer speed speedy turbo nascar formula racing motor motorola blackberry compaq dell lenovo toshiba sony
panasonic philips canon nikon coffee tea beer vodka whisky whiskey tequila martini wine champagne pizza
burger cheese bacon pepperoni banana cherry strawberry blueberry raspberry peach mango lemon lime kiwi
coconut pineapple watermelon melon grape qazwsx qazwsxedc wsxedc edcrfv rfvtgb tgbyhn yhnujm zaqxsw zaqwsx
xswcde plmokn qweasd qweasdzxc asdzxc zxcasd qwe asd zxc asdf asdfg asdfghj asdfghjk asdfghjkl zxcv zxcvb
zxcvbnm qwer qwert qwertyu qwertz qwertzu azerty azert ytrewq poiuytrewq poiuyt poiuy lkjhgf lkjhg mnbvcx
mnbvc wasd ijkl abc abcd abcde abcdef abcdefg abcdefgh abcdefghi abcdefghij abcabc aaa aaaa aaaaa aaaaaa
abcxyz xyz xyzzy asdasd qweqwe zxczxc asdfasdf qwerqwer zzzzzz xxxxxx qqqqqq
`;

// Everyday English words.
const ENGLISH = `
months seasons weeks years days hours minutes seconds may
about above accept account across action active actor address admit adult advice affair afraid after again
against agency agent agree ahead airport album alcohol alive allow almost alone along already also alter
amazing among amount analysis ancient anger angle angry animal annual answer anxiety apart appeal appear
apply approach april area argue arise armed army around arrange arrest arrival arrive article artist aside
asleep aspect assume attack attempt attend attitude august author available average avoid award aware
awesome background badly balance ball band bank bar base basic basis basket battle beach beauty because
become bedroom before begin behind being believe bell belong below bench benefit beside best better between
beyond bicycle bigger bike bill billion bird birth biscuit black blade blame blank blanket blind block blood
blow blue board boat body bone bonus book boot border boring born borrow boss both bottle bottom bound bowl
boxer brain branch brand brave bread break breakfast breath breathe brick bridge brief bright bring broad
broken brown brush budget build building bullet bunch burn business busy butter button buyer cabin cable
cake calendar call calm camera camp campaign campus cancel cancer candle capital captain carbon card care
career careful carpet carry case cash castle casual catch cause ceiling celebrate cell center central
century certain chain chair chairman challenge chamber chance change channel chapter charge charity chart
chase cheap check chemical chest chicken chief child children choice choose church cinema circle citizen
city civil claim class classic clean clear client climate climb clock close closet clothes club coach coast
coat code cold collect college colour color column combat combine comedy comfort command comment common
company compare complete concept concern concert condition conduct confirm connect consider contact contain
content contest context continue contract control cook cooking cool copper copy corner correct cost cotton
couch could council count counter country county couple courage course court cousin cover cowboy crack craft
crash crazy cream create credit crew crime crisis critic cross crowd crown cruise culture cupboard current
curtain custom customer cycle daily damage dance dancer danger dark data date daughter dead deal dealer dear
death debate debt decade december decide decision deep defence defense degree delay deliver demand dentist
deny depend depth design desk detail develop device devil diary dinner direct director dirty discover
discuss disease dish distance divide doctor document dollar domain donkey door double doubt down dozen draft
drama draw drawer dream dress drink drive driver drop drug drum during dust duty early earn east easy
economy edge editor effect effort eight either elbow election electric element elephant elevator eleven else
email emergency emotion employ empty enemy energy engine engineer enjoy enough enter entire entry envelope
equal error escape especially essay estate even event ever every evidence exact exam example excellent
except exchange excited exercise exist exit expect expert explain express extra eye face fact factor factory
fail failure fair faith fall false fame famous fancy farm farmer fashion fast fault favour favorite fear
feature february feed feel female fence festival fever field fifteen fifty fight figure file fill film final
finance find fine finger finish first fish fisher fishing fitness five flag flat flight floor fluid focus
follow food fool foot force foreign forget forgive fork form formal former fortune forty forward four
fourteen frame france free freeze fresh friday fridge front fruit fuel full fun function fund future gallery
game garage garden gate general gentle gentleman ghost giant gift girl give glad glass global glove goal
goat gold good goodbye government grade grand grandma grandpa grass great green grey gray ground group grow
growth guard guess guide guilty guitar habit hair half hall hammer hand handle hang happen harbour harbor
hard hardware harm hat hate have head health hear heart heat heavy height help here hidden high highway hill
hire history hold hole home homework honest honour honor hope horror horse hospital host hotel hour house
housing huge human humour humor hundred hungry hunt hurry husband idea ideal image imagine impact important
improve include income increase indeed index indoor industry information injury inner input inside insist
install instance instead insurance intend interest internal interview into invest invite iron issue item
jacket january jeans jewel job join joke journal journey judge juice july jump june junior justice keep
kettle key keyboard kick kid kill kind kitchen knife knock know knowledge label labour labor ladder lamp
land language large last late later laugh launch lawyer layer lazy lead leader league learn least leather
leave lecture left legal length less lesson letter level library license life lift light limit line link
list listen little live living loan local lock logic lonely long look lose loss loud love lower lunch
machine magazine mail main major make male manage manager manner many map march mark market marriage married
match material matter maximum maybe mayor meal mean measure meat media medical medicine medium meet meeting
member memory mention menu mess message metal method middle might mile milk mind minimum minister minute
mirror mission mistake mix mobile model modern moment monday money monitor month mood moral more most mouse
mouth move movie much muscle museum music musical must mystery nail name narrow nation national native
natural nature near nearly neck need needle negative neighbour neighbor neither nerve nervous network news
newspaper next nice nine noise none normal north nose note notice novel november number nurse object october
offer office officer often okay old once onion online only opening opera opinion option order ordinary organ
original other outcome outside oven over owner oxygen pack package page pain paint painting pair palace
panel panic paper parent park parking part partner party passage passenger passion past path patient pattern
pause payment peace peaceful pencil people perfect perform perhaps period person personal phone photo
physical piano pick picture piece pilot pink pipe pitch place plan plane planet plant plastic plate platform
play player please pleasure plenty pocket poem poet point police policy polite political pool poor popular
population position positive possible post potato pound power practice prepare present president press
pressure price pride priest primary print prior prison private prize problem process produce product profile
profit program progress project promise proof proper property protect proud prove public pull pumpkin punch
pupil purpose push puzzle quality quarter question quick quiet quite rabbit race radio rail rain raise range
rapid rare rate rather reach read reader ready real reality reason receive recent recipe record recover
rectangle reduce reform refuse region regular relation release remain remember remote remove rent repair
repeat reply report request rescue research reserve resist resource respect rest result return reveal review
reward rhythm rice rich ride right ring rise risk road robot rock role roof room rope rose rough round route
royal rubber rule ruler rush sad safe safety sail salad salary sale salt same sample sand saturday sauce
save scale scene schedule school science scientist score screen script search season seat second secretary
section secure security seed select self sell send senior sense sentence separate september series serious
servant serve service session setting settle seven seventy several shake shape share sharp sheep sheet shelf
shell shift shine ship shirt shock shoe shoot shop shopping shore short shoulder shout show shower side
sight sign signal silent silk silly simple since sing singer single site situation size skill skin skirt
sleep slice slide slip slow small smart smell smoke snake snow soap social society sock soft software solid
solution some someone sometimes song soon sorry sort soul sound soup source south space spare speak speaker
special speech spell spend spirit split sport spot spread square stable staff stage stair stamp stand
standard start state station status stay steal steel step stick still stock stomach stone stop store story
straight strange stranger street strength stress stretch strike string strong student studio study stuff
stupid style subject success sudden suit sunday super supper supply support sure surface surprise sweater
swim swimming switch symbol system table tail talent talk tall target task taste taxi teacher team
technology teeth telephone television tell temple tent term terrible text thank theatre theater theme theory
there these thing think third thirty this thousand thread three throat through throw thumb thursday ticket
time tiny tired title toast together toilet tomato tone tongue tool tooth topic total touch tour tourist
towel tower town track trade traffic train training transport travel treasure tree trial trick trip trouble
truck true trust truth tuesday tunnel turkey turn twelve twenty twice type ugly umbrella uncle under
understand uniform union unique unit universe university unless until upper upset urban usual valley value
vampire vegetable vehicle version very victory video view village violin virus visit visitor voice volume
vote wage wait waiter wake walk wall wallet want warm warning wash watch wave wealth weapon wear weather
website wedding wednesday week weight west western wheel where which while whisper white whole wide wife
wild will willing window wing wire wisdom wise wish with within without witness woman wonder wonderful wood
wooden work worker world worry worth would wound write writer wrong yard year young youth zebra zero zone
`;

// Everyday Swedish words, months, seasons, holidays, places, teams.
const SWEDISH = `
lösenord lösen lösenordet nyttlösenord hemligt hemlighet hemligheter välkommen välkomna hejsan hallå hej
hejhej tjena tjenare tjabba hejdå godmorgon godnatt goddag tack tackar varsågod förlåt ursäkta kanske alltid
aldrig ingenting någonting allting sommar sommaren somrar vinter vintern vintrar höst hösten vår våren
midsommar jul julen julafton nyår nyårsafton påsk påsken valborg lucia advent fettisdag kräftskiva semester
sommarlov jullov sportlov påsklov höstlov ledig ledighet helg helgen januari februari mars maj juni juli
augusti oktober månad månader månaden vecka veckor veckan måndag tisdag onsdag torsdag fredag lördag söndag
dag dagar dagen natt natten morgon morgonen kväll kvällen eftermiddag förmiddag idag imorgon igår timme
timmar minut minuter sekund sekunder året åren tid tiden klocka klockan statistik statistiker statistiska
mikrodata forskning forskare forska universitet högskola institut register registret databas uppgifter
sekretess konfidentiell projekt rapport analys undersökning enkät befolkning folkräkning myndighet regering
riksdag kommun landsting län skatt skatter skatteverket försäkringskassan arbetsförmedlingen polisen sjukhus
vårdcentral stockholm göteborg malmö uppsala västerås örebro linköping helsingborg jönköping norrköping lund
umeå gävle borås eskilstuna södertälje karlstad täby växjö halmstad sundsvall luleå trollhättan östersund
borlänge falun kalmar skövde kristianstad karlskrona skellefteå uddevalla lidingö motala landskrona
örnsköldsvik nyköping karlskoga varberg trelleborg lidköping alingsås piteå sandviken ängelholm visby kiruna
gotland öland skåne halland småland blekinge värmland dalarna norrland lappland jämtland hälsingland uppland
södermanland östergötland västergötland bohuslän dalsland ångermanland medelpad härjedalen gästrikland
västmanland norrbotten västerbotten sverige svensk svenska svenskar norge norsk finland finsk danmark dansk
tyskland frankrike england spanien italien grekland polen ryssland kina japan amerika europa afrika asien
norden skandinavien hund hundar hunden katt katter katten kattunge valp häst hästar hästen kor gris grisar
får lamm get höna tupp kyckling anka gås fågel fåglar mus råtta kanin hare räv varg björn älg ren rådjur
hjort järv örn uggla kråka skata duva mås svan fisk fiskar lax torsk sill strömming abborre gädda räka
kräfta krabba orm groda padda myra geting fluga mygga fjäril spindel blomma blommor ros rosor tulpan
tulpaner lilja liljor vitsippa blåsippa maskros prästkrage nyckelpiga träd skog skogen gran björk bok lönn
asp lind alm rönn hassel sjö sjön hav havet bäck älv fjäll fjället berg berget dal dalen skär strand
stranden sten stenar klippa grotta äng ängen åker gård gården stuga stugan hus huset hem hemma hemmet
lägenhet villa rum rummet kök köket sovrum badrum vardagsrum trappa dörr fönster golv tak vägg väggar bord
stol stolar soffa säng lampa spegel matta gardin bokhylla skåp låda nyckel nycklar lås mamma pappa mor far
mormor morfar farmor farfar syster bror broder systrar bröder barn barnen son dotter söner döttrar kusin
moster faster morbror farbror familj familjen släkt vän vänner kompis kompisar flickvän pojkvän fru maka
sambo älskling hjärtat gumman gubben bebis flicka pojke tjej kille kvinna man människa människor folk kärlek
älskar älska älskad kyss kram kramar puss pussar glädje ledsen arg rädd trött hungrig törstig lycklig lycka
ljus mörker mörk sol solen måne månen stjärna stjärnor himmel himlen moln regn regnet snö snön isen vind
vinden åska blixt dimma frost värme kyla kall varm het sval blöt torr röd rött röda blå blått blåa gul gult
gula grön grönt gröna svart svarta vit vitt vita grå grått gråa rosa lila brun brunt bruna guld koppar järn
stål trä glas mat maten frukost middag fika kaffe kaffet mjölk vatten saft vin sprit brännvin snaps bröd
smör ost skinka korv köttbullar kött fläsk pannkaka pannkakor våffla våfflor bulle bullar kanelbulle
kanelbullar semla semlor kaka kakor tårta godis choklad lakrits socker peppar äpple äpplen päron banan
apelsin citron jordgubbe jordgubbar hallon blåbär lingon smultron körsbär plommon potatis morot morötter lök
tomat gurka sallad ärtor bönor ris pasta soppa gröt fil yoghurt ägg bil bilar bilen buss bussen tåg tåget
båt båten cykel cykeln flyg flygplan tunnelbana spårvagn lastbil motorcykel moped väg vägen gata gatan stad
staden byn landet torg parken bro bron hamn hamnen stationen flygplats skola skolan lärare elev elever klass
läxa läxor prov betyg studenter kurs kurser böcker bibliotek penna papper arbete arbetet jobb jobbet jobba
arbeta kontor kontoret chef kollega kollegor möte möten lön pengar banken kort kontanter dator datorn
datorer telefon mobil mobilen nätet skärm tangentbord skrivare spel spela spelar fotboll fotbollen ishockey
bandy handboll innebandy skidor skidåkning skridskor simning löpning träning träna gym matcher lag laget mål
målet vinna vinnare förlora musik musiken låt låtar sång sånger sjunga dansa dans gitarr trumma trummor
filmer bio teater konst bild bilder foto kung drottning prins prinsessa riddare slott borg krona kronor
flagga fana fosterland tomte tomten troll trollet älva häxa drake draken spöke jätte dvärg vätte näcken
skogsrå hälsa sjuk sjukdom läkare doktor sjuksköterska medicin tand tänder öga ögon öra öron näsa mun händer
fot fötter arm armar ben huvud hår hjärta mage rygg frihet fred krig seger styrka kraft mod hopp tro sanning
lögn ära trygghet säkerhet säker hemlig ensam tillsammans bra dålig stor liten lång gammal ung vacker ful
snäll elak rolig tråkig lätt svår snabb långsam stark svag rik fattig fin fint söt sött gullig mysig härlig
underbar fantastisk perfekt toppen kanon grymt jag han hon dem den det mig dig sig oss min mitt mina din
ditt dina hans hennes vårt våra ert era deras och att som för med till från men eller inte var här där när
hur vad vem vilken varför glöm glömt minns minne kom ihåg ingen allt inget mycket lite mer mest bäst sämst
först sist svenne lagom allemansrätt jantelagen surströmming smörgåsbord electrolux husqvarna klarna skype
mojang abba roxette europe avicii aik djurgården djurgarden hammarby malmöff ifkgöteborg elfsborg häcken
kalmarff helsingborgsif frölunda färjestad luleåhockey skellefteåaik brynäs modo leksand mora växjölakers
`;

// First names and surnames common in Sweden and elsewhere.
const NAMES = `
eva maria karin sara kristina lena emma kerstin marie malin ingrid jenny hanna linda annika susanne elin
monica birgitta sofia johanna carina elisabeth ulla katarina marianne sofie ida helena camilla åsa anneli
frida julia sandra jessica ebba alice maja astrid wilma alva olivia saga ella selma vera signe agnes ellen
klara stella freja nora ellie alma lilly ronja moa isabelle matilda felicia amanda josefin emelie therese
caroline louise cecilia victoria viktoria charlotte gunilla margareta barbro britt inger gun siv lisa lotta
mia tove tuva linnea lina märta greta hedvig tilde tindra lovisa nellie stina ylva ingela helene lars mikael
anders johan erik per karl peter jan thomas daniel fredrik stefan bengt mats magnus andreas mattias jonas
niklas martin sven göran leif nils oskar oscar lukas william liam noah hugo elias alexander adam isak ludvig
axel theo viktor victor emil vincent leo filip albin anton gustav gustaf olle arvid melvin edvin sixten ebbe
loke sigge harry ville viggo levi malte otto alfred henrik tobias kristoffer christoffer sebastian robert
patrik joakim jonathan simon marcus markus rasmus jesper kalle pelle olof ola ulf rolf åke kjell lennart
roger tommy ingvar gunnar rune arne bertil gösta ingemar sune torbjörn janne jocke micke lasse nisse benny
björne christer conny dennis glenn håkan jörgen kent kenneth kim pontus anderson andersson johansson
karlsson nilsson eriksson larsson olsson persson svensson gustafsson pettersson jonsson jansson hansson
bengtsson jönsson lindberg jakobsson magnusson lindström olofsson lindqvist lindgren axelsson bergström
lundberg lundgren lundqvist mattsson berglund fredriksson sandberg henriksson forsberg sjöberg wallin
engström eklund danielsson lundin håkansson bergman gunnarsson holm wikström samuelsson isaksson fransson
bergqvist nyström holmberg arvidsson löfgren söderberg nyberg blomqvist claesson nordström mårtensson
lundström viklund björklund eliasson pålsson berggren sandström nordin ström åberg hermansson ekström
holmgren sundberg hedlund dahlberg hellström sjögren abrahamsson falk james john david richard joseph
charles christopher matthew anthony steven paul andrew joshua kevin brian george timothy ronald edward jason
jeffrey ryan jacob gary nicholas eric stephen larry justin scott brandon benjamin samuel gregory frank
patrick raymond jack jerry tyler aaron jose nathan henry douglas zachary kyle ethan walter jeremy christian
keith terry gerald harold sean austin carl arthur lawrence dylan jesse bryan billy joe bruce gabriel logan
albert willie alan juan wayne elijah randy roy ralph eugene russell bobby mason philip louis oliver jamie
freddie archie alfie toby max maxwell mary patricia elizabeth barbara susan sarah karen nancy betty margaret
ashley kimberly emily donna michelle carol dorothy melissa deborah stephanie rebecca sharon laura cynthia
kathleen amy angela shirley brenda pamela nicole helen samantha katherine christine debra rachel carolyn
janet catherine heather diane ruth julie joyce virginia kelly lauren christina joan evelyn judith megan
andrea cheryl hannah jacqueline martha gloria teresa ann madison frances kathryn janice jean abigail judy
sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany kayla
alexis lori jasmine chloe poppy lily daisy ruby ava amelia isla smith johnson williams jones miller davis
garcia rodriguez wilson martinez taylor hernandez moore jackson thompson lopez lee gonzalez harris clark
lewis robinson walker perez allen sanchez wright baker adams nelson campbell mitchell roberts carter
phillips evans turner torres parker collins edwards stewart morris murphy rogers morgan peterson cooper reed
bailey gomez howard ward cox diaz richardson watson brooks bennett reyes cruz hughes myers foster sanders
ross morales powell sullivan ortiz jenkins gutierrez mohammed muhammad ahmed ali hassan hussein omar fatima
aisha yusuf ibrahim mustafa mehmet ahmet zeynep elif emir carlos luis miguel javier antonio francisco pedro
pablo diego martina paula carmen jürgen klaus wolfgang helmut dieter günter uwe ursula monika petra sabine
renate pierre michel philippe alain nicolas christophe nathalie sylvie mikko jukka timo matti juha antti
pekka kari hannu jari tuula päivi anne kaisa leena ole jens niels søren mette hanne kirsten
`;

// Countries, cities, sports teams, bands, fiction, computing, and words of this platform.
const PLACES_AND_CULTURE = `
sweden swedish gothenburg malmo european scandinavia scandinavian nordic norway norwegian finnish denmark
danish iceland icelandic germany german french english britain british scotland scottish ireland irish wales
welsh spain spanish portugal portuguese italy italian greece greek poland polish russia russian ukraine
turkish china chinese japanese korea korean india indian pakistan iran iraq syria israel egypt morocco
africa african america american canada canadian mexico mexican brazil brazilian argentina chile peru
colombia cuba australia australian zealand asia asian london paris berlin madrid rome roma milan milano
vienna prague budapest warsaw moscow oslo copenhagen helsinki reykjavik amsterdam brussels zurich geneva
lisbon athens istanbul dubai tokyo beijing shanghai hongkong singapore bangkok delhi mumbai sydney melbourne
toronto vancouver montreal chicago boston newyork losangeles miami dallas houston seattle texas california
florida hawaii alaska vegas lasvegas hollywood manhattan brooklyn turkiet kanada arsenal liverpool chelsea
everton tottenham manchester united barcelona barca realmadrid juventus inter bayern dortmund ajax celtic
rangers leeds newcastle westham aston lakers bulls celtics yankees redsox cowboys patriots packers steelers
raiders giants dodgers metallica nirvana beatles kiss acdc ironmaiden slipknot eminem madonna beyonce
rihanna shakira britney bieber swift elvis presley michaeljackson bonjovi coldplay linkinpark greenday blink
gorillaz simpsons homer bart futurama southpark seinfeld sherlock dexter breakingbad gameofthrones lannister
targaryen khaleesi winterfell narnia marvel dccomics disney pixar lego legoland playmobil god gud allah
buddha kyrka bible bibeln satan lucifer ängel linux ubuntu debian macintosh unix oracle mysql postgres
postgresql java javascript perl php kotlin github gitlab docker kubernetes operator helpdesk server servers
firewall cisco statistics statistic statistical statistician microdata researcher researchers database
registry census survey confidential desktop mona scb
`;

const withoutAccents = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '');

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [PASSWORDS, ENGLISH, SWEDISH, NAMES, PLACES_AND_CULTURE]
    .join(' ')
    .trim()
    .split(/\s+/)
    .flatMap((word) => [word, withoutAccents(word)]),
);
